import CatalogCore
import CatalogNode
import CatalogStore
import CatalogTrust
import CatalogWire
import Foundation

/// Runs a search over the node's index and re-checks the signatures of what it shows.
public struct Searcher: Sendable {
    public let node: Node

    public init(node: Node) {
        self.node = node
    }

    /// The answer to `query`; its hint, when nothing matches, is put in `wording`'s words (and not
    /// looked for without `explainingEmpty`: each candidate costs a search).
    public func search(
        _ query: SearchQuery, wording: SearchHint.Wording = .parameters, explainingEmpty: Bool = true,
        now: Date = Date()
    ) async throws -> SearchResponse {
        let query = try query.validated()
        let result = try await run(query, now: now)
        let hits = try await self.hits(result.matches, now: now)
        let hint = result.total == 0 && explainingEmpty ? try await hint(for: query, now: now) : nil
        return SearchResponse(
            total: result.total, offset: query.offset, limit: query.limit, matchedAllWords: result.matchedAllWords,
            hits: hits,
            facets: result.facets?.mapValues { $0.map { SearchResponse.Facet(value: $0.value, count: $0.count) } },
            hint: hint?.text(wording), suggestion: hint?.suggestion)
    }

    /// Public offerings of other origins related to `entry` of `origin`, for its page: those of
    /// its first technology field that share every significant word of its title (in their titles
    /// or keywords), best first, then the field's newest others; the matchmaking across clusters.
    public func related(to entry: Entry, origin: String, limit: Int, now: Date = Date()) async throws
        -> [SearchResponse.Hit]
    {
        var filters = SearchQuery(text: "", topic: entry.topics.first, limit: limit)
        filters.excludingOrigin = origin
        let words = RelatedWords.significant(entry.title.preferred() ?? "")
        let matches = try await node.store.relatedMatches(words: words, filters: filters.validated(), now: now)
        return try await hits(matches, now: now)
    }

    /// Up to `count` hits of `query` from its offset on, found in one read (`searchMatches`): for
    /// downloads larger than a page, such as a calendar.
    public func hits(of query: SearchQuery, count: Int, now: Date = Date()) async throws -> [SearchResponse.Hit] {
        try await hits(node.store.searchMatches(query.validated(), count: count, now: now), now: now)
    }

    /// The hits of `matches`, each signature checked again under the node's trust now (on every
    /// core for a calendar's or a download's hundreds).
    func hits(_ matches: [SearchMatch], now: Date) async throws -> [SearchResponse.Hit] {
        let trust = try await NodeTrust.current(node, now: now)
        return await ParallelChunks.map(matches) { chunk in chunk.compactMap { Self.hit($0, trust: trust) } }
    }

    static func hit(_ match: SearchMatch, trust: TrustSet) -> SearchResponse.Hit? {
        guard let signed = try? match.entry.signedEntry(), let entry = signed.entry else { return nil }
        let verified = trust.keys(for: signed.origin, seq: signed.seq).contains {
            (try? signed.verify(with: $0)) != nil
        }
        return SearchResponse.Hit(
            origin: signed.origin, id: signed.id, seq: signed.seq, updated: signed.payload.updated,
            verified: verified, viaPeer: match.entry.viaPeer, score: match.score,
            next: match.nextStart.map { SearchResponse.Next(start: $0, city: match.nextCity) }, entry: entry)
    }

    /// The store's search, with facet counts from `FacetCache` when the catalog has not changed
    /// since they were counted.
    func run(_ query: SearchQuery, now: Date) async throws -> SearchResult {
        guard query.facets else { return try await node.store.search(query, now: now) }
        let key = FacetCache.key(query, store: node.store, receipt: try await node.store.lastReceipt(), now: now)
        if let facets = FacetCache.shared.facets(for: key) {
            var counted = query
            counted.facets = false
            var result = try await node.store.search(counted, now: now)
            result.facets = facets
            return result
        }
        let result = try await node.store.search(query, now: now)
        if let facets = result.facets { FacetCache.shared.store(facets, for: key) }
        return result
    }

    /// When nothing matches: the first filter whose removal finds something, else what to change.
    public func hint(for query: SearchQuery, now: Date = Date()) async throws -> SearchHint {
        func count(_ query: SearchQuery) async throws -> Int {
            var query = query
            query.facets = false
            query.limit = 1
            query.offset = 0
            return try await node.store.search(query, now: now).total
        }
        for filter in query.filters {
            let matches = try await count(query.removing(filter))
            if matches > 0 { return .dropFilter(filter, matches: matches) }
        }
        if !query.includePast {
            var past = query
            past.includePast = true
            let matches = try await count(past)
            if matches > 0 { return .includePast(matches: matches) }
        }
        return query.filters.isEmpty ? .otherWords : .fewerFilters
    }
}
