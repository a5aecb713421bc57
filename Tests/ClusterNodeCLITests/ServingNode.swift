import CatalogTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `clusternode serve` process on a free loopback port, stopped with SIGTERM by `stop()`.
final class ServingNode: @unchecked Sendable {
    let process: Process
    let port: Int
    let directory: String
    var url: String { "https://127.0.0.1:\(port)" }

    /// Starts the node in `directory` (relative to the CLI's working directory) and waits until it
    /// prints the address it listens on.
    init(cli: CLI, directory: String, port: Int = 0, arguments: [String] = ["--no-sync"]) throws {
        self.directory = directory
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["serve", "--dir", directory, "--host", "127.0.0.1", "--port", String(port)] + arguments
        process.currentDirectoryURL = cli.directory.url
        let output = Pipe()
        process.standardOutput = output
        let log = cli.directory.file("\(directory.replacingOccurrences(of: "/", with: "_")).serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try Shell.launch(process)
        self.process = process

        // Read the "listening on https://127.0.0.1:PORT" line, giving up after 30 seconds.
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var line = ""
        DispatchQueue.global().async {
            var bytes = Data()
            while !bytes.contains(UInt8(ascii: "\n")) {
                let chunk = PipeRead.chunk(output.fileHandleForReading)
                if chunk.isEmpty { break }
                bytes.append(chunk)
            }
            line = String(decoding: bytes, as: UTF8.self)
            done.signal()
        }
        guard done.wait(timeout: .now() + 30) == .success, line.hasPrefix("listening on "),
            let found = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").last.flatMap({
                Int($0)
            })
        else {
            process.terminate()
            let errors = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw ServeError(message: "serve did not start: \(line) \(errors)")
        }
        self.port = found
    }

    struct ServeError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Stops the server gracefully (SIGTERM), killing it if it has not stopped within 10 seconds.
    /// Returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
