/// What an agency sees at a glance: what the federation offers, where, in which fields, of which
/// kinds, when, and how fresh and complete each origin's catalog is. The same numbers feed the
/// terminal tables, CSV, JSON and the HTML page; `GET /v1/overview` serves it as JSON.
public struct OverviewReport: Codable, Sendable {
    /// One row of a counted table: a key (a region code, a topic slug...), its label, the count.
    public struct Row: Codable, Sendable, Equatable {
        public let key: String
        public let label: String
        public let count: Int

        public init(key: String, label: String, count: Int) {
            self.key = key
            self.label = label
            self.count = count
        }
    }

    /// How many entries of a region are in one technology field.
    public struct Cell: Codable, Sendable, Equatable {
        public let region: String
        public let topic: String
        public let count: Int

        public init(region: String, topic: String, count: Int) {
            self.region = region
            self.topic = topic
            self.count = count
        }
    }

    /// One origin's catalog as this node holds it.
    public struct Freshness: Codable, Sendable {
        public let origin: String
        public let displayName: String
        public let level: String
        public let region: String
        public let live: Int
        public let withdrawn: Int
        public let newestSeq: Int64
        /// When its newest head was issued; nil when no head arrived.
        public let headIssued: String?
        public let headExpires: String?
        public let headExpired: Bool
        /// Entries its head lists that this node does not hold.
        public let missing: Int
        /// The peer it came through; nil for the node's own catalog.
        public let viaPeer: String?
        /// Equivocations: two envelopes the origin signed for one seq; what a relay
        /// sent in its name unsigned counts against the relay (`refusalsByPeer`).
        public let refusals: Int
        /// Envelopes held that no longer verify under the keys trusted for their seqs.
        public let unverified: Int
        /// `ok`; `untrusted` (held, but no key is trusted for it now); `unverified` (some envelopes
        /// no longer verify, see `clusternode verify`); `absent` (trusted, but no catalog arrived);
        /// `stale` (head expired); `incomplete` (entries missing); `differs` (as many entries as the head
        /// counts, or more, but not the ones it lists: a withdrawal not received, or a forked origin).
        public let status: String

        public init(
            origin: String, displayName: String, level: String, region: String, live: Int, withdrawn: Int,
            newestSeq: Int64, headIssued: String?, headExpires: String?, headExpired: Bool, missing: Int,
            viaPeer: String?, refusals: Int, unverified: Int, status: String
        ) {
            self.origin = origin
            self.displayName = displayName
            self.level = level
            self.region = region
            self.live = live
            self.withdrawn = withdrawn
            self.newestSeq = newestSeq
            self.headIssued = headIssued
            self.headExpires = headExpires
            self.headExpired = headExpired
            self.missing = missing
            self.viaPeer = viaPeer
            self.refusals = refusals
            self.unverified = unverified
            self.status = status
        }
    }

    public let generated: String
    public let node: String
    public let includePast: Bool
    public let entries: Int
    public let offerings: Int
    public let trainings: Int
    public let byRegion: [Row]
    public let byTopic: [Row]
    public let byOrigin: [Row]
    public let byKind: [Row]
    public let byLevel: [Row]
    /// Trainings with a session in each of the next twelve months, months without any included.
    public let byMonth: [Row]
    public let regionTopic: [Cell]
    public let freshness: [Freshness]
    /// Refusals ever caused by each peer's answers, most first.
    public let refusalsByPeer: [Row]
    /// What took place in a period, when one was asked for (`overview --from … --to …`).
    public var period: OverviewPeriod?

    public init(
        generated: String, node: String, includePast: Bool, entries: Int, offerings: Int, trainings: Int,
        byRegion: [Row], byTopic: [Row], byOrigin: [Row], byKind: [Row], byLevel: [Row], byMonth: [Row],
        regionTopic: [Cell], freshness: [Freshness], refusalsByPeer: [Row]
    ) {
        self.generated = generated
        self.node = node
        self.includePast = includePast
        self.entries = entries
        self.offerings = offerings
        self.trainings = trainings
        self.byRegion = byRegion
        self.byTopic = byTopic
        self.byOrigin = byOrigin
        self.byKind = byKind
        self.byLevel = byLevel
        self.byMonth = byMonth
        self.regionTopic = regionTopic
        self.freshness = freshness
        self.refusalsByPeer = refusalsByPeer
    }
}
