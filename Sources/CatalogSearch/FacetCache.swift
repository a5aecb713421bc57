import CatalogCore
import CatalogStore
import Foundation
import Synchronization

/// Facet counts of recent searches, kept until the catalog changes: counting the facets of a broad
/// search (the web catalog's front page counts every entry) costs far more than finding its first
/// page, and the same searches come again (paging, the front page, feeds). A count is kept for the
/// store's last change-feed position and the hour it was made in, so any stored change, and the
/// passing of time that hides past trainings, makes a new one.
final class FacetCache: Sendable {
    static let shared = FacetCache()
    static let capacity = 64

    struct Key: Hashable {
        let store: UUID
        let search: String
        let receipt: Int64
        let hour: String
    }

    private let entries = Mutex<[Key: [String: [FacetCount]]]>([:])

    func facets(for key: Key) -> [String: [FacetCount]]? {
        entries.withLock { $0[key] }
    }

    func store(_ facets: [String: [FacetCount]], for key: Key) {
        entries.withLock { entries in
            // Counts for an older position can never be asked for again.
            entries = entries.filter { $0.key.receipt >= key.receipt && $0.key.hour == key.hour }
            if entries.count >= Self.capacity, let any = entries.keys.first { entries[any] = nil }
            entries[key] = facets
        }
    }

    /// What the counts depend on: the query without its paging and order.
    static func key(_ query: SearchQuery, store: CatalogStore, receipt: Int64, now: Date) -> Key {
        let search =
            query.parameters.filter { !["limit", "offset", "order"].contains($0.0) }.map { "\($0.0)=\($0.1)" }
            .joined(separator: "&") + "&local=\(query.includeLocal)&not=\(query.excludingOrigin ?? "")"
            + "&all=\(query.allWordsOnly)&after=\(query.storedAfter ?? -1)&through=\(query.storedThrough ?? -1)"
        return Key(
            store: store.identity, search: search, receipt: receipt,
            hour: String(Timestamp.format(now).prefix(13)))
    }
}
