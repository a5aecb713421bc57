import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs other programs (the `clusternode` under test, `openssl`, `sqlite3`, `curl`) the way a user
/// would, measuring each run's wall time and peak memory (the kernel's high-water mark of the
/// process's resident memory, `VmHWM`, read every 10 ms while it runs).
enum Subprocess {
    struct Outcome {
        let status: Int32
        let seconds: Double
        /// Peak resident memory of the process, in KiB.
        let peakKiB: Int
        let stdout: String
        let stderr: String

        var peakMiB: Double { Double(peakKiB) / 1024 }
    }

    /// Runs `arguments` (the first is looked up on PATH unless it is a path) to its end.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, in scratch: URL, check: Bool = true) throws -> Outcome
    {
        let id = UUID().uuidString.prefix(8)
        let out = scratch.appendingPathComponent("run-\(id).out")
        let err = scratch.appendingPathComponent("run-\(id).err")
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let start = ContinuousClock.now
        let pid = try spawn(arguments, stdin: stdin, stdout: out, stderr: err)
        var status: Int32 = 0
        var peakKiB = 0
        // The peak is read from /proc while the process runs: `ru_maxrss` would also count this
        // process's memory, which the child shared until its exec.
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR {
                throw BenchError("waiting for \(arguments[0]) failed (errno \(errno))")
            }
            peakKiB = max(peakKiB, Self.peakResidentKiB(of: pid) ?? 0)
            usleep(10_000)
        }
        let seconds = (ContinuousClock.now - start).seconds
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let outcome = Outcome(
            status: exit, seconds: seconds, peakKiB: peakKiB,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        if check && exit != 0 {
            let reason = outcome.stderr.split(separator: "\n").last.map(String.init) ?? "no message"
            throw BenchError("\(arguments.prefix(3).joined(separator: " ")) failed (exit \(exit)): \(reason)")
        }
        return outcome
    }

    /// The kernel's high-water mark of the resident memory of a running process, in KiB.
    static func peakResidentKiB(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }

    /// Starts `arguments` in the background with its output in files; the caller stops it.
    static func spawn(_ arguments: [String], stdin: String? = nil, stdout: URL, stderr: URL) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // The child starts with no signal blocked and default handlers: this process's threads block
        // some (SIGALRM among them), and `openssl speed` never ends without its alarm.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Stops a background process and reaps it.
    static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Bytes that went through the loopback interface since boot, from /proc/net/dev: what a sync
/// really puts on the wire (TLS records, HTTP and TCP headers), as long as nothing else talks on
/// loopback meanwhile.
enum Loopback {
    static func bytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/net/dev", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("lo:") {
            let fields = line.split(separator: ":")[1].split(separator: " ")
            return fields.first.flatMap { Int($0) }
        }
        return nil
    }
}
