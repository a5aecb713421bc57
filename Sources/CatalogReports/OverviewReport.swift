import CatalogCore
import CatalogStore

/// What an agency sees at a glance: what the federation offers, where, in which fields, of which
/// kinds, when, and how fresh and complete each origin's catalog is. The same numbers feed the
/// terminal tables, CSV, JSON and the HTML page.
public struct OverviewReport: Codable, Sendable {
    /// One row of a counted table: a key (a region code, a topic slug...), its label, the count.
    public struct Row: Codable, Sendable, Equatable {
        public let key: String
        public let label: String
        public let count: Int
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
    public let regionTopic: [OverviewCounts.Cell]
    public let freshness: [Freshness]
    /// Refusals ever caused by each peer's answers, most first.
    public let refusalsByPeer: [Row]

    /// The tables `--by` can choose, by name.
    public func table(_ name: OverviewTable) -> [Row] {
        switch name {
        case .region: return byRegion
        case .topic: return byTopic
        case .origin: return byOrigin
        case .kind: return byKind
        case .level: return byLevel
        case .month: return byMonth
        }
    }
}

/// The counted tables of an overview.
public enum OverviewTable: String, CaseIterable, Sendable, Codable, ClosedSetDecodable {
    case region, topic, origin, kind, level, month

    public var title: String {
        switch self {
        case .region: return "Entries by region"
        case .topic: return "Entries by technology field"
        case .origin: return "Entries by origin"
        case .kind: return "Entries by kind"
        case .level: return "Entries by level of origin"
        case .month: return "Trainings per month"
        }
    }
}
