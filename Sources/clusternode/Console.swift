import CatalogCore
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where commands print: text for people on stdout, JSON for scripts, errors and progress on stderr.
///
/// One writer for what commands print on both streams: every piece is one unbuffered write under
/// one lock, so output keeps its order whether stdout is a terminal, a pipe or a file, and nothing
/// waits in a buffer when the process exits. (Log messages go to stderr through swift-log's handler.)
///
/// Text for people passes through `SafeText.terminal`: catalogs hold other organizations' text, and
/// a control character in it must show, not act on the terminal.
enum Console {
    private static let writer = Mutex(())

    /// Writes `data`; when the reader went away (`clusternode … | head`) or the stream is closed,
    /// the output is dropped, as `print` would, instead of stopping the process.
    private static func write(_ data: Data, to handle: FileHandle) {
        writer.withLock { _ in try? handle.write(contentsOf: data) }
    }

    static func line(_ text: String = "") {
        write(Data((SafeText.terminal(text) + "\n").utf8), to: .standardOutput)
    }

    static func error(_ text: String) {
        write(Data((SafeText.terminal(text) + "\n").utf8), to: .standardError)
    }

    /// Writes bytes to stdout exactly as given.
    static func raw(_ data: Data) {
        write(data, to: .standardOutput)
    }

    static func json<T: Encodable>(_ value: T) throws {
        var data = try CatalogJSON.encode(value, pretty: true)
        data.append(UInt8(ascii: "\n"))
        raw(data)
    }

    /// A one-line progress display on stderr, rewritten in place (`nil` clears it).
    static func progress(_ text: String?) {
        write(Data(("\r\u{1B}[K" + (text.map(SafeText.terminal) ?? "")).utf8), to: .standardError)
    }

    /// Asks a yes/no question on the terminal; false when stdin is not a terminal.
    static func confirm(_ question: String) -> Bool {
        guard isatty(STDIN_FILENO) == 1 else { return false }
        write(Data("\(SafeText.terminal(question)) [y/N] ".utf8), to: .standardOutput)
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return answer == "y" || answer == "yes" || answer == "j" || answer == "ja"
    }

    static var isErrorTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The terminal's width, or 100 when stdout is not a terminal.
    static var width: Int {
        var size = winsize()
        if isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        return 100
    }
}
