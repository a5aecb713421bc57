import CatalogCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where commands print: text for people on stdout, JSON for scripts, errors on stderr.
enum Console {
    static func line(_ text: String = "") {
        print(text)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes bytes to stdout exactly as given.
    static func raw(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    static func json<T: Encodable>(_ value: T) throws {
        var data = try CatalogJSON.encode(value, pretty: true)
        data.append(UInt8(ascii: "\n"))
        raw(data)
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
