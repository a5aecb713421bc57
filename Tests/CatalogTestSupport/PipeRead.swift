import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads from a pipe the way the tests need, retrying reads a signal interrupts. Foundation's
/// `FileHandle.availableData` and `readDataToEndOfFile()` end the whole test process when a read
/// fails with EINTR (a `try!` inside them), which a child process exiting can cause.
public enum PipeRead {
    /// The next bytes the pipe holds, waiting for some; empty at end of file or on an error.
    public static func chunk(_ handle: FileHandle) -> Data {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Data(buffer[0..<count]) }
            if errno != EINTR { return Data() }
        }
    }

    /// Everything up to end of file.
    public static func toEnd(_ handle: FileHandle) -> Data {
        var data = Data()
        while true {
            let next = chunk(handle)
            if next.isEmpty { return data }
            data.append(next)
        }
    }
}
