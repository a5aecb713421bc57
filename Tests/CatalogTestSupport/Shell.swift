import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs another program (openssl, sqlite3, the built clusternode) as the tests' independent check.
public enum Shell {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        public let stdoutData: Data
        /// Whether the program was killed for running past its time limit.
        public let timedOut: Bool
    }

    /// Runs `executable` with `arguments`, waiting for it to exit. `executable` is looked up on PATH
    /// unless it contains a slash; when it is not there, the test fails naming it (`Tool.require`).
    /// A program still running at `timeLimit` is killed (`Result.timedOut`, a failing status): a
    /// test's time limit trait cannot interrupt a blocked wait, this can.
    /// Starts `process`, one launch at a time in this test process: Foundation's `Process.run`
    /// copies the arguments and environment into the child without a lock of its own, and two
    /// tests launching at once may have crashed it (in `memcpy`, under `Process.run`, seen a few
    /// times in full local runs, never in CI).
    public static func launch(_ process: Process) throws {
        try launchLock.withLock { try process.run() }
    }

    private static let launchLock = NSLock()

    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil,
        directory: URL? = nil, timeLimit: Duration = .seconds(300)
    ) throws -> Result {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            try Tool.require(executable)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        // The child inherits this process's environment as it is unless the test adds to it
        // (fewer copies through Foundation's launch path, where the crash above happened).
        if !environment.isEmpty {
            var env = ProcessInfo.processInfo.environment
            env.merge(environment) { _, new in new }
            process.environment = env
        }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        try Shell.launch(process)
        // A hang guard, not a speed check: a program still running at its limit is killed, and the
        // result says so.
        let killed = Mutex(false)
        let seconds = Double(timeLimit.components.seconds) + Double(timeLimit.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            guard process.isRunning else { return }
            killed.withLock { $0 = true }
            kill(process.processIdentifier, SIGKILL)
        }
        if let input { try inputPipe.fileHandleForWriting.write(contentsOf: input) }
        try inputPipe.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = PipeRead.toEnd(err.fileHandleForReading)
            group.leave()
        }
        let outData = PipeRead.toEnd(out.fileHandleForReading)
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData,
            timedOut: killed.withLock { $0 })
    }
}
