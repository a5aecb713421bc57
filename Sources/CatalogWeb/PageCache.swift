import CatalogCore
import CatalogNode
import CatalogStore
import CatalogTrust
import Foundation
import Synchronization

/// Rendered answers of the web catalog, kept per address until the catalog changes: a page is
/// rendered again when anything is stored (the store's last change-feed position moves), when the
/// statements trust rests on change, and at the latest a minute after it was rendered (so names
/// from peer files, expiring endorsements and the passing of time reach the pages within a
/// minute). Each page has its own minute: pages do not all expire at once. Bounded in entries and
/// bytes; only successful answers are kept.
public final class PageCache: Sendable {
    public static let shared = PageCache()
    static let capacity = 2_000
    static let maxBytes = 64 * 1024 * 1024
    static let lifetime: TimeInterval = 60

    struct Key: Hashable {
        let store: UUID
        let receipt: Int64
        let trust: String
        let address: String
    }

    private struct Kept {
        let page: WebPage
        let rendered: Date
    }

    private struct State {
        var pages: [Key: Kept] = [:]
        var order: [Key] = []
        var bytes = 0
    }

    private let state = Mutex(State())

    /// The page at `address` (path and query, with the language and base it was asked in), from the
    /// cache or rendered by `render` and kept.
    public func page(
        node: Node, address: String, now: Date = Date(), render: () async throws -> WebPage
    ) async throws -> WebPage {
        let trust = try await NodeTrust.snapshot(node, now: now).statementsDigest
        let key = Key(
            store: node.store.identity, receipt: try await node.store.lastReceipt(), trust: trust, address: address)
        if let kept = state.withLock({ $0.pages[key] }), kept.rendered <= now,
            now.timeIntervalSince(kept.rendered) < Self.lifetime
        {
            return kept.page
        }
        let page = try await render()
        if page.status == 200 { keep(page, for: key, rendered: now) }
        return page
    }

    private func keep(_ page: WebPage, for key: Key, rendered: Date) {
        state.withLock { state in
            // Pages of an older catalog or trust are never asked for again.
            if let newest = state.order.last, newest.receipt != key.receipt || newest.trust != key.trust {
                state = State()
            }
            if let old = state.pages.removeValue(forKey: key) {
                state.bytes -= old.page.body.utf8.count
                state.order.removeAll { $0 == key }
            }
            state.pages[key] = Kept(page: page, rendered: rendered)
            state.order.append(key)
            state.bytes += page.body.utf8.count
            while state.pages.count > Self.capacity || state.bytes > Self.maxBytes, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                state.bytes -= state.pages.removeValue(forKey: oldest)?.page.body.utf8.count ?? 0
            }
        }
    }
}
