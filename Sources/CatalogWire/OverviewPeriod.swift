/// What took place in a period, past sessions included: a funder's question ("how many trainings
/// and events did we hold last year, by field and kind?"). Sessions count by the Berlin day they
/// start on; dated offerings (events, fairs, studies...) by their first valid day.
public struct OverviewPeriod: Codable, Sendable, Equatable {
    /// One row for a key (a topic, a kind...): sessions held (over by the time of the report),
    /// still scheduled, and cancelled, and dated offerings.
    public struct Row: Codable, Sendable, Equatable {
        public let key: String
        public let label: String
        public let held: Int
        public let scheduled: Int
        public let cancelled: Int
        public let offerings: Int

        public init(key: String, label: String, held: Int, scheduled: Int, cancelled: Int, offerings: Int) {
            self.key = key
            self.label = label
            self.held = held
            self.scheduled = scheduled
            self.cancelled = cancelled
            self.offerings = offerings
        }
    }

    /// The first and last day, inclusive (`2026-01-01`, `2026-12-31`).
    public let from: String
    public let to: String
    /// Sessions over by the time of the report, sessions of the period still to come, cancelled ones.
    public let sessionsHeld: Int
    public let sessionsScheduled: Int
    public let sessionsCancelled: Int
    /// Trainings with at least one session held in the period.
    public let trainings: Int
    /// Offerings whose first valid day is in the period.
    public let offerings: Int
    public let byTopic: [Row]
    public let byKind: [Row]
    /// A session's region is its place's, or the entry's regions for a session without a place.
    public let byRegion: [Row]
    /// Every month of the period, months without any included.
    public let byMonth: [Row]

    public init(
        from: String, to: String, sessionsHeld: Int, sessionsScheduled: Int, sessionsCancelled: Int, trainings: Int,
        offerings: Int,
        byTopic: [Row], byKind: [Row], byRegion: [Row], byMonth: [Row]
    ) {
        self.from = from
        self.to = to
        self.sessionsHeld = sessionsHeld
        self.sessionsScheduled = sessionsScheduled
        self.sessionsCancelled = sessionsCancelled
        self.trainings = trainings
        self.offerings = offerings
        self.byTopic = byTopic
        self.byKind = byKind
        self.byRegion = byRegion
        self.byMonth = byMonth
    }

    /// The tables by name, as `overview --by` and the CSV files call them.
    public static let tables = ["topic", "kind", "region", "month"]

    public func table(_ name: String) -> [Row] {
        switch name {
        case "topic": byTopic
        case "kind": byKind
        case "region": byRegion
        default: byMonth
        }
    }
}
