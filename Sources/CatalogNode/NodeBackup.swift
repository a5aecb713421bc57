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

/// Restoring a backup (made by `CatalogStore.backup` while the node ran) into a stopped node.
public enum NodeBackup {
    /// How far a restore moves the node's own seq ahead (see `CatalogStore.advanceOwnSeq`).
    public static let restoreSeqGap: Int64 = 1_000_000

    /// Restores `file` as the database of the node in `directory`; the node must be stopped.
    ///
    /// Everything is checked and prepared on a copy first: it must be intact, of the same origin,
    /// and signed with the node's key; then the node's own seq moves ahead and a new head is signed
    /// on the copy. Only then does the copy replace the database, which is kept beside it as
    /// `catalog.sqlite.pre-restore`. Peers' checkpoints are those of the backup.
    public static func restore(_ directory: DataDirectory, from file: String) async throws -> BackupInfo {
        guard directory.isInitialized else {
            throw CatalogError(
                .configuration, "no node in \(directory.path); init it first, with its keys, then restore")
        }
        let config = try NodeConfig.load(from: directory.config)
        let signingKey = try Node.loadSigningKey(directory, config: config)
        let database = directory.database.path
        let staging = database + ".restoring"
        removeDatabaseFiles(staging)
        defer { removeDatabaseFiles(staging) }
        do {
            try FileManager.default.copyItem(atPath: file, toPath: staging)
        } catch {
            throw CatalogError(.io, "cannot copy \(file): \(error.localizedDescription)")
        }
        let info = try CatalogStore.inspect(backup: staging, name: file)
        guard info.isIntact else { throw CatalogError(.invalidInput, "\(file) is damaged: \(info.integrity)") }
        guard info.origin == config.name else {
            throw CatalogError(.conflict, "\(file) belongs to '\(info.origin ?? "no origin")', not to '\(config.name)'")
        }

        // A serving node would go on with the database it opened, and fork from the restored one.
        let lock = try ServeLock(directory, for: "restore")
        defer { withExtendedLifetime(lock) {} }
        let store = try CatalogStore.open(path: staging)
        do {
            let keys = try await store.keys(origin: config.name).compactMap { try? $0.nodePublicKey() }
            guard keys.contains(signingKey.publicKey) else {
                throw CatalogError(.conflict, "\(file) is signed with another key than \(directory.signingKey.path)")
            }
            try await store.advanceOwnSeq(by: restoreSeqGap)
            try await Node(directory: directory, config: config, store: store, signingKey: signingKey).refreshHead()
            try store.checkpoint()
            try store.close()
        } catch {
            try? store.close()
            throw error
        }
        try sync(staging)

        // Keep the replaced database, with its WAL, beside the restored one.
        let kept = database + ".pre-restore"
        removeDatabaseFiles(kept)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database + suffix) {
            try move(database + suffix, to: kept + suffix)
        }
        guard chmod(staging, 0o600) == 0 else {
            throw CatalogError(.io, "cannot make \(staging) private: \(String(cString: strerror(errno)))")
        }
        try move(staging, to: database)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: staging + suffix) {
            try move(staging + suffix, to: database + suffix)
        }
        return info
    }

    private static func move(_ source: String, to target: String) throws {
        guard rename(source, target) == 0 else {
            throw CatalogError(.io, "cannot move \(source) to \(target): \(String(cString: strerror(errno)))")
        }
    }

    private static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CatalogError(.io, "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw CatalogError(.io, "cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }

    private static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
