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
    /// The last receipt the node has used: a puller whose cursor is beyond it knows the feed was
    /// rewound (a restored backup) and starts again.
    public let last: Int64
}

extension CatalogStore {
    /// Up to `limit` items after `cursor`, and at most `maxBytes` of envelopes (but at least one item),
    /// of the `origins` given, if given (those the node trusts: it serves nothing a puller could not
    /// act on). Positions of items left out are skipped.
    public func feed(
        since cursor: Int64, limit: Int, origins: [String]? = nil, maxBytes: Int = 8 * 1024 * 1024
    ) async throws -> FeedPage {
        let origins = try origins.map { try String(decoding: JSONEncoder().encode($0), as: UTF8.self) }
        return try await read { db in
            // Decide the page's end from the sizes alone, then read just those envelopes.
            let sizes = try Row.fetchAll(
                db,
                sql: """
                    SELECT receipt, size FROM (
                        SELECT receipt, length(envelope) AS size FROM entry
                        WHERE receipt > ?1 AND visibility = 'federated'
                          AND (?3 IS NULL OR origin IN (SELECT value FROM json_each(?3)))
                        UNION ALL
                        SELECT receipt, length(envelope) AS size FROM head
                        WHERE receipt > ?1 AND (?3 IS NULL OR origin IN (SELECT value FROM json_each(?3)))
                    ) ORDER BY receipt LIMIT ?2
                    """,
                arguments: [cursor, limit + 1, origins])
            var end = cursor
            var bytes = 0
            var count = 0
            for row in sizes.prefix(limit) {
                let size: Int = row["size"]
                if count > 0 && bytes + size > maxBytes { break }
                bytes += size
                count += 1
                end = row["receipt"]
            }
            let items = try Row.fetchAll(
                db,
                sql: """
                    SELECT receipt, envelope FROM (
                        SELECT receipt, envelope FROM entry
                        WHERE receipt > ?1 AND receipt <= ?2 AND visibility = 'federated'
                          AND (?3 IS NULL OR origin IN (SELECT value FROM json_each(?3)))
                        UNION ALL
                        SELECT receipt, envelope FROM head
                        WHERE receipt > ?1 AND receipt <= ?2 AND (?3 IS NULL OR origin IN (SELECT value FROM json_each(?3)))
                    ) ORDER BY receipt
                    """,
                arguments: [cursor, end, origins]
            ).map { FeedPage.Item(receipt: $0["receipt"], envelope: $0["envelope"]) }
            return FeedPage(items: items, next: end, more: sizes.count > count, last: try Self.lastReceipt(db))
        }
    }

    /// Records that the feed now serves `origins` (those the node trusts). An origin served again
    /// after a time it was not gets new positions at the feed's end for its entries and head:
    /// pullers whose cursors passed its old positions while it was left out see them then. Writes
    /// only when the set changed. Returns how many items moved.
    @discardableResult
    public func serve(origins: [String]) async throws -> Int {
        let wanted = Set(origins)
        let served = try await read { db in Set(try String.fetchAll(db, sql: "SELECT origin FROM served_origin")) }
        guard served != wanted else { return 0 }
        return try await write { db in
            let served = Set(try String.fetchAll(db, sql: "SELECT origin FROM served_origin"))
            var receipt = try Self.lastReceipt(db)
            var moved = 0
            for origin in wanted.subtracting(served).sorted() {
                for table in ["entry", "head"] {
                    let receipts = try Int64.fetchAll(
                        db, sql: "SELECT receipt FROM \(table) WHERE origin = ? ORDER BY receipt", arguments: [origin])
                    for old in receipts {
                        receipt += 1
                        try db.execute(
                            sql: "UPDATE \(table) SET receipt = ? WHERE receipt = ?", arguments: [receipt, old])
                    }
                    moved += receipts.count
                }
            }
            try db.execute(sql: "DELETE FROM served_origin")
            for origin in wanted {
                try db.execute(sql: "INSERT INTO served_origin (origin) VALUES (?)", arguments: [origin])
            }
            return moved
        }
    }

    /// The payload hashes the node accepted (or signed) for `origin` at `seqs`, those it remembers.
    public func recordedPayloadHashes(origin: String, seqs: [Int64]) async throws -> [Int64: String] {
        guard !seqs.isEmpty else { return [:] }
        let list = try String(decoding: JSONEncoder().encode(seqs), as: UTF8.self)
        return try await read { db in
            var hashes: [Int64: String] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, payload_hash FROM seq_record
                    WHERE origin = ? AND seq IN (SELECT value FROM json_each(?))
                    """, arguments: [origin, list])
            {
                hashes[row["seq"]] = row["payload_hash"]
            }
            return hashes
        }
    }

    /// Every origin's newest head, as served by `/v1/heads`.
    public func heads() async throws -> [StoredHead] {
        try await read { db in try StoredHead.order(Column("origin")).fetchAll(db) }
    }
}
