import CatalogCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files with their permissions set from the first byte: a private key is created with
/// mode 0600 by `open(2)` itself, never written first and restricted afterwards.
public enum SecureFile {
    /// Creates `url` (which must not exist) with `mode`, writes `contents` and syncs it to disk.
    public static func create(_ url: URL, contents: Data, mode: mode_t) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw CatalogError(.io, "cannot create \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        // The umask may have narrowed `mode`; set it exactly.
        guard fchmod(fd, mode) == 0 else {
            throw CatalogError(.io, "cannot set the mode of \(url.path): \(String(cString: strerror(errno)))")
        }
        try contents.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw CatalogError(.io, "cannot write \(url.path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        guard fsync(fd) == 0 else {
            throw CatalogError(.io, "cannot sync \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Creates a directory with `mode`.
    public static func makeDirectory(_ url: URL, mode: mode_t) throws {
        guard mkdir(url.path, mode) == 0 || errno == EEXIST, chmod(url.path, mode) == 0 else {
            throw CatalogError(.io, "cannot create directory \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Replaces `url` atomically with `contents` at `mode`: written to a sibling first, then renamed.
    public static func replace(_ url: URL, contents: Data, mode: mode_t) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString.prefix(8))")
        try create(temporary, contents: contents, mode: mode)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CatalogError(.io, "cannot write \(url.path): \(reason)")
        }
    }

    /// The permission bits of `url`.
    public static func mode(of url: URL) throws -> mode_t {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw CatalogError(.io, "cannot stat \(url.path): \(String(cString: strerror(errno)))")
        }
        return info.st_mode & 0o7777
    }
}
