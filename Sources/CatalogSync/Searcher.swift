import CatalogCore
import CatalogNode
import CatalogStore
import Foundation

/// Runs a search over the node's index and re-checks the signatures of what it shows.
public struct Searcher: Sendable {
    public let node: Node

    public init(node: Node) {
        self.node = node
    }

    public func search(_ query: SearchQuery, now: Date = Date()) async throws -> SearchResponse {
        let query = try query.validated()
        let result = try await node.store.search(query, now: now)
        let trust = try await NodeTrust.current(node, now: now)
        var hits: [SearchResponse.Hit] = []
        for match in result.matches {
            guard let signed = try? match.entry.signedEntry(), let entry = signed.entry else { continue }
            let verified = trust.keys(for: signed.origin, seq: signed.seq).contains {
                (try? signed.verify(with: $0)) != nil
            }
            hits.append(
                SearchResponse.Hit(
                    origin: signed.origin, id: signed.id, seq: signed.seq, updated: signed.payload.updated,
                    verified: verified,
                    viaPeer: match.entry.viaPeer, score: match.score,
                    next: match.nextStart.map { SearchResponse.Next(start: $0, city: match.nextCity) }, entry: entry))
        }
        let hint = result.total == 0 ? try await hint(for: query, now: now) : nil
        return SearchResponse(
            total: result.total, offset: query.offset, limit: query.limit, matchedAllWords: result.matchedAllWords,
            hits: hits, facets: result.facets, hint: hint)
    }

    /// When nothing matches: the first filter whose removal finds something, else what to change.
    private func hint(for query: SearchQuery, now: Date) async throws -> String {
        for name in query.filterNames {
            var relaxed = query
            relaxed.facets = false
            relaxed.limit = 1
            relaxed.offset = 0
            switch name {
            case "--type": relaxed.type = nil
            case "--kind": relaxed.kind = nil
            case "--topic": relaxed.topic = nil
            case "--region": relaxed.region = nil
            case "--origin": relaxed.origin = nil
            case "--mode": relaxed.mode = nil
            case "--language": relaxed.language = nil
            case "--audience": relaxed.audience = nil
            case "--free": relaxed.freeOnly = false
            case "--from": relaxed.from = nil
            case "--to": relaxed.to = nil
            default: continue
            }
            let count = try await node.store.search(relaxed, now: now).total
            if count > 0 { return "without \(name), \(count) \(count == 1 ? "entry matches" : "entries match")" }
        }
        if !query.includePast {
            var past = query
            past.includePast = true
            past.limit = 1
            let count = try await node.store.search(past, now: now).total
            if count > 0 {
                return "\(count) past \(count == 1 ? "entry matches" : "entries match"); add --include-past"
            }
        }
        return query.filterNames.isEmpty ? "try other or fewer words" : "try fewer filters or other words"
    }
}
