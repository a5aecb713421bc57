import CatalogCore
import CatalogStore

/// The answer of a search, as `search --json` prints it and `GET /v1/search` serves it.
public struct SearchResponse: Codable, Sendable {
    public struct Next: Codable, Sendable, Equatable {
        /// UTC start of the next session that is not cancelled or over.
        public let start: String
        public let city: String?
    }

    public struct Hit: Codable, Sendable {
        public let origin: String
        public let id: String
        public let seq: Int64
        public let updated: String
        /// Whether the entry's signature verified just now under a key this node trusts for its origin.
        public let verified: Bool
        /// The peer it came through; absent for the answering node's own entries.
        public let viaPeer: String?
        /// bm25 relevance; lower is better, 0 without search text.
        public let score: Double
        public let next: Next?
        public let entry: Entry
    }

    public let total: Int
    public let offset: Int
    public let limit: Int
    /// False when no entry had every word, and entries with any of them are listed instead.
    public let matchedAllWords: Bool
    public let hits: [Hit]
    public let facets: [String: [FacetCount]]?
    /// When nothing matches: what to try instead.
    public let hint: String?
}
