import CatalogCore
import Foundation
import GRDB

/// A saved search of the node's operator, and where in the change feed it last looked.
public struct StoredWatch: Sendable, Codable, Equatable, FetchableRecord {
    public let name: String
    /// The search as URL query parameters (`q=GMP&region=DE-BW`), as `GET /v1/search` reads them.
    public let parameters: String
    public let created: String
    /// The node's change-feed position when the watch last looked.
    public let seenReceipt: Int64

    enum CodingKeys: String, CodingKey {
        case name, parameters, created
        case seenReceipt = "seen_receipt"
    }
}

extension CatalogStore {
    /// How many watches a node keeps: each is searched after every sync.
    public static let maxWatches = 100

    /// Saves a watch that has seen everything stored so far; refuses a name already taken.
    public func addWatch(name: String, parameters: String, now: Date = Date()) async throws -> StoredWatch {
        try await write { db in
            if try StoredWatch.fetchOne(db, sql: "SELECT * FROM watch WHERE name = ?", arguments: [name]) != nil {
                throw CatalogError(.invalidInput, "a watch named '\(name)' exists already")
            }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM watch") ?? 0
            guard count < Self.maxWatches else {
                throw CatalogError(.invalidInput, "the node keeps at most \(Self.maxWatches) watches")
            }
            let watch = StoredWatch(
                name: name, parameters: parameters, created: Timestamp.format(now),
                seenReceipt: try Self.lastReceipt(db))
            try db.execute(
                sql: "INSERT INTO watch (name, parameters, created, seen_receipt) VALUES (?, ?, ?, ?)",
                arguments: [watch.name, watch.parameters, watch.created, watch.seenReceipt])
            return watch
        }
    }

    public func watches() async throws -> [StoredWatch] {
        try await read { db in try StoredWatch.fetchAll(db, sql: "SELECT * FROM watch ORDER BY name") }
    }

    public func watch(named name: String) async throws -> StoredWatch? {
        try await read { db in
            try StoredWatch.fetchOne(db, sql: "SELECT * FROM watch WHERE name = ?", arguments: [name])
        }
    }

    /// Removes a watch; false when there is none of that name.
    public func removeWatch(named name: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM watch WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    /// Moves a watch's position forward to `receipt` (never back).
    public func markWatchSeen(named name: String, through receipt: Int64) async throws {
        try await write { db in
            try db.execute(
                sql: "UPDATE watch SET seen_receipt = max(seen_receipt, ?) WHERE name = ?", arguments: [receipt, name])
        }
    }

    /// The last position used in the change feed.
    public func lastReceipt() async throws -> Int64 {
        try await read { db in try Self.lastReceipt(db) }
    }
}
