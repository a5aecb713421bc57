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
///
/// Text for people passes through `SafeText.terminal`: catalogs hold other organizations' text, and
/// a control character in it must show, not act on the terminal.
enum Console {
    static func line(_ text: String = "") {
        print(SafeText.terminal(text))
    }

    /// Pushes buffered stdout out now (stdout is block-buffered when it is a pipe).
    static func flush() {
        fflush(nil)  // every output stream; naming `stdout` is not concurrency-safe in Swift 6
    }

    /// Asks a yes/no question on the terminal; false when stdin is not a terminal.
    static func confirm(_ question: String) -> Bool {
        guard isatty(STDIN_FILENO) == 1 else { return false }
        print("\(SafeText.terminal(question)) [y/N] ", terminator: "")
        flush()
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return answer == "y" || answer == "yes" || answer == "j" || answer == "ja"
    }

    static var isErrorTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// The terminal's width, or 100 when stdout is not a terminal.
    static var width: Int {
        var size = winsize()
        if isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        return 100
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((SafeText.terminal(text) + "\n").utf8))
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
