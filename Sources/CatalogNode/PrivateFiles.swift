import CatalogCore
import Foundation

/// The files of a data directory that hold secrets or members-only entries: the signing key, the
/// TLS key and the database with its WAL and shared-memory files. `serve` refuses to start while
/// others can read any of them.
public enum PrivateFiles {
    public static func check(_ directory: DataDirectory, tlsKey: String? = nil) throws {
        let database = directory.database.path
        var files = [
            directory.signingKey.path, tlsKey ?? directory.tlsKey.path, database, database + "-wal", database + "-shm",
        ]
        files = files.filter { FileManager.default.fileExists(atPath: $0) }
        for path in files {
            let mode = try SecureFile.mode(of: URL(fileURLWithPath: path))
            guard mode & 0o077 == 0 else {
                throw CatalogError(
                    .configuration,
                    "\(path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(path)")
            }
        }
    }
}
