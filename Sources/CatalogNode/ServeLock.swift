import CatalogCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exclusive lock a serving node holds on its data directory (`serve.lock`, with the server's
/// process id), so that nothing replaces the database under it: `restore` refuses while it is
/// held. The kernel releases it when the process ends, however it ends.
public final class ServeLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock for `purpose` ("serve", "restore"), or throws naming the process that holds it.
    public init(_ directory: DataDirectory, for purpose: String) throws {
        let path = directory.serveLock.path
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CatalogError(.io, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder =
                (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw CatalogError(
                .conflict,
                "the node in \(directory.path) is serving\(holder.isEmpty ? "" : " (process \(holder))"); "
                    + "stop serve before \(purpose)")
        }
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, pid.count, 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
