import CatalogCore
import Foundation
import GRDB

/// The node's database: one SQLite file in WAL mode, opened through GRDB, holding entries of every
/// origin the node knows (its own and received ones), their tombstones, heads, keys and seqs.
///
/// The one way in: every write that must keep an invariant (a seq and its envelope, a catalog and its
/// head) is a single transaction of a method here.
public final class CatalogStore: Sendable {
    let writer: any DatabaseWriter
    /// Tells this store from any other opened in the process, for what caches keep per store.
    public let identity = UUID()
    /// How much of the file connections map into memory (SQLite maps up to this, never more than
    /// the file holds; the pages are the kernel's file cache, shared by every connection).
    static let mappedBytes = 1 << 30

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public static func open(path: String) throws -> CatalogStore {
        var configuration = Configuration()
        // The CLI may write while `serve` runs: wait for the other writer rather than fail.
        configuration.busyMode = .timeout(10)
        configuration.label = "catalog"
        configuration.prepareDatabase { db in
            // The writer gets 16 MB of page cache instead of SQLite's 2 MB: a pull writes into several
            // large indexes at once, and re-reading their pages from the file costs a system call each.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -16384") }
            // Readers (searches, pages) map the file instead of copying each page they touch out of
            // the kernel with a system call: a tenth of an uncached page's time went to pread.
            try db.execute(sql: "PRAGMA mmap_size = \(Self.mappedBytes)")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            return try CatalogStore(writer: pool)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.storage, "cannot open the database \(path): \(error)")
        }
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        do {
            try Self.migrator.migrate(writer)
            try DerivedData.rebuildPending(writer)
        } catch {
            throw CatalogError(.storage, "cannot migrate the database: \(error)")
        }
    }

    /// Runs a read, mapping database failures to `CatalogError`. Public for the modules that keep
    /// their own queries over the store's tables (search); writes stay inside the store.
    public func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(body)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.storage, "database read failed: \(error)")
        }
    }

    /// Runs one write transaction, mapping database failures to `CatalogError`; a
    /// `TransactionAbandoned` error reaches the caller as it was thrown.
    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(body)
        } catch let error as CatalogError {
            throw error
        } catch let error as RelayHeadsNeeded {
            throw error
        } catch let error as TransactionAbandoned {
            throw error
        } catch {
            throw CatalogError(.storage, "database write failed: \(error)")
        }
    }
}

extension CatalogStore {
    /// Closes the database; the store must not be used afterwards.
    public func close() throws {
        do {
            try writer.close()
        } catch {
            throw CatalogError(.storage, "cannot close the database: \(error)")
        }
    }
}

/// An error a write's body throws to leave its transaction unwritten on purpose (a dry run that
/// planned and then stops), carrying what the caller wants back; `write` passes it on unchanged.
public protocol TransactionAbandoned: Error {}
