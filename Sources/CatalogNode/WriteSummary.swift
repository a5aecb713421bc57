/// What a write did to the node's own catalog.
public struct WriteSummary: Sendable, Equatable, Codable {
    public var added: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    public var withdrawn: [String] = []
    /// The origin's seq after the write (the seq of the head signed with it).
    public var seq: Int64 = 0
    /// New entries whose title nearly matches one the catalog holds (or another new one): likely
    /// the same offering entered twice under two ids. A warning, not a refusal.
    public var similarTitles: [SimilarTitle] = []

    public struct SimilarTitle: Sendable, Equatable, Codable {
        /// The new entry.
        public let id: String
        public let title: String
        /// The entry it resembles.
        public let like: String
        public let likeTitle: String
    }

    public init() {}

    public var changed: Int { added.count + updated.count + withdrawn.count }
}
