import CatalogCore
import Foundation
import GRDB

/// One page of the node's change feed: the newest envelope of each entry (tombstones included) and
/// each origin's newest head, in receipt order. Local entries never appear.
public struct FeedPage: Sendable {
    public struct Item: Sendable {
        public let receipt: Int64
        public let envelope: Data
    }

    public let items: [Item]
    /// The cursor to ask from next time: the last receipt in the page, or the request's when empty.
    public let next: Int64
    /// Whether more items follow after `next`.
    public let more: Bool
}

extension CatalogStore {
    public func feed(since cursor: Int64, limit: Int) async throws -> FeedPage {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT receipt, envelope FROM (
                        SELECT receipt, envelope FROM entry WHERE receipt > ?1 AND visibility = 'federated'
                        UNION ALL
                        SELECT receipt, envelope FROM head WHERE receipt > ?1
                    ) ORDER BY receipt LIMIT ?2
                    """,
                arguments: [cursor, limit + 1])
            let items = rows.prefix(limit).map { FeedPage.Item(receipt: $0["receipt"], envelope: $0["envelope"]) }
            return FeedPage(items: Array(items), next: items.last?.receipt ?? cursor, more: rows.count > limit)
        }
    }

    /// Every origin's newest head, as served by `/v1/heads`.
    public func heads() async throws -> [StoredHead] {
        try await read { db in try StoredHead.order(Column("origin")).fetchAll(db) }
    }
}
