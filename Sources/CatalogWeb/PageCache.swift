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
/// minute). Bounded in entries and bytes; only successful answers are kept.
public final class PageCache: Sendable {
    public static let shared = PageCache()
    static let capacity = 2_000
    static let maxBytes = 64 * 1024 * 1024

    struct Key: Hashable {
        let store: UUID
        let receipt: Int64
        let trust: String
        let minute: String
        let address: String
    }

    private struct State {
        var pages: [Key: WebPage] = [:]
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
            store: node.store.identity, receipt: try await node.store.lastReceipt(), trust: trust,
            minute: String(Timestamp.format(now).prefix(16)), address: address)
        if let page = state.withLock({ $0.pages[key] }) { return page }
        let page = try await render()
        if page.status == 200 { keep(page, for: key) }
        return page
    }

    private func keep(_ page: WebPage, for key: Key) {
        state.withLock { state in
            // Pages of an older catalog or minute are never asked for again.
            if let newest = state.order.last,
                newest.receipt != key.receipt || newest.minute != key.minute
                    || newest.trust != key.trust
            {
                state = State()
            }
            guard state.pages[key] == nil else { return }
            state.pages[key] = page
            state.order.append(key)
            state.bytes += page.body.utf8.count
            while state.pages.count > Self.capacity || state.bytes > Self.maxBytes, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                state.bytes -= state.pages.removeValue(forKey: oldest)?.body.utf8.count ?? 0
            }
        }
    }
}
