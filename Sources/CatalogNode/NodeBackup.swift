import CatalogCore
import CatalogStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Backing a node's database up while it runs, and restoring it into a stopped node.
public enum NodeBackup {
    /// How far a restore moves the node's own seq ahead (see `CatalogStore.skipOwnSeq`).
    public static let restoreSeqGap: Int64 = 1_000_000

    /// Restores `file` (made by `backup`) as the database of the node in `directory`. The node must
    /// be stopped. The backup must be intact and belong to the same origin. Afterwards the node's
    /// own seq moves ahead and a new head is signed; peers' checkpoints are those of the backup.
    public static func restore(_ directory: DataDirectory, from file: String) async throws -> BackupInfo {
        guard directory.isInitialized else {
            throw CatalogError(
                .configuration, "no node in \(directory.path); init it first, with its keys, then restore")
        }
        let config = try NodeConfig.load(from: directory.config)
        let info = try CatalogStore.inspect(backup: file)
        guard info.isIntact else { throw CatalogError(.invalidInput, "\(file) is damaged: \(info.integrity)") }
        guard info.origin == config.name else {
            throw CatalogError(
                .conflict, "\(file) belongs to '\(info.origin ?? "no origin")', not to '\(config.name)'")
        }
        let database = directory.database.path
        let staging = database + ".restoring"
        do {
            try? FileManager.default.removeItem(atPath: staging)
            try FileManager.default.copyItem(atPath: file, toPath: staging)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            guard rename(staging, database) == 0 else {
                throw CatalogError(
                    .io, "cannot move the restored database into place: \(String(cString: strerror(errno)))")
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.io, "cannot restore \(file): \(error.localizedDescription)")
        }
        let node = try await Node.open(directory)
        try await node.store.skipOwnSeq(by: restoreSeqGap)
        try await node.refreshHead()
        try node.store.close()
        return info
    }
}
