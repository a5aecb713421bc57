import CatalogCore
import Foundation
import GRDB

/// What a backup file holds, read without changing it.
public struct BackupInfo: Sendable {
    public let origin: String?
    public let entries: Int
    public let integrity: String

    public var isIntact: Bool { integrity == "ok" }
}

extension CatalogStore {
    /// Copies the database to `path` with SQLite's online backup: a consistent copy even while the
    /// node serves and syncs. Refuses to overwrite a file.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CatalogError(.conflict, "\(path) exists; choose a new file for the backup")
        }
        do {
            // The copy holds what the database holds, members-only entries included: private from the start.
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            else {
                throw CatalogError(.io, "cannot create \(path)")
            }
            let destination = try DatabaseQueue(path: path)
            try writer.backup(to: destination)
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw CatalogError(.storage, "backup to \(path) failed: \(error)")
        }
    }

    /// Reads a backup file's origin, entry count and integrity, opening it read-only.
    /// - Parameter name: what to call the file in an error, when `path` is a copy of it.
    public static func inspect(backup path: String, name: String? = nil) throws -> BackupInfo {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
                let origin = try String.fetchOne(db, sql: "SELECT name FROM origin WHERE is_self = 1")
                let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM entry") ?? 0
                return BackupInfo(origin: origin, entries: entries, integrity: integrity)
            }
        } catch {
            let reason = (error as? DatabaseError)?.message ?? "\(error)"
            throw CatalogError(.invalidInput, "\(name ?? path) is not a clusternode database (\(reason))")
        }
    }

    /// Writes the WAL back into the database file and empties it, so the file alone is complete.
    public func checkpoint() throws {
        do {
            try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw CatalogError(.storage, "cannot checkpoint the database: \(error)")
        }
    }

    /// Moves the node's own seq far ahead. After restoring an older backup, the seqs issued since
    /// it was taken may be known to peers; reusing one for other content would be equivocation.
    public func advanceOwnSeq(by gap: Int64) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE origin SET max_seq = max_seq + ? WHERE is_self = 1", arguments: [gap])
        }
    }
}
