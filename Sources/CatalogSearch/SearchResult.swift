import CatalogCore
import CatalogStore

/// One entry a search found, with what the listing shows of it.
public struct SearchMatch: Sendable {
    public let entry: StoredEntry
    /// bm25 score (lower is better); 0 without search text.
    public let score: Double
    /// The next session that is not cancelled and not over: start (UTC) and city.
    public let nextStart: String?
    public let nextCity: String?
    /// The search tables' key of the entry's document.
    let doc: Int64
}

public struct SearchResult: Sendable {
    /// How many entries match in all (not only this page).
    public let total: Int
    public let matches: [SearchMatch]
    /// Counts by `kind`, `topic`, `region`, `origin`, `mode` and `month`, when asked for.
    public internal(set) var facets: [String: [FacetCount]]?
    /// False when no entry had every word and entries with any of them are shown instead.
    public let matchedAllWords: Bool
}
