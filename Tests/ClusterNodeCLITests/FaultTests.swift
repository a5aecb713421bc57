import CatalogCore
import CatalogSync
import CatalogTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite(
    "Faults: a peer down, a connection cut mid-page, a node killed during sync", .serialized, .timeLimit(.minutes(10)))
struct FaultTests {
    /// Whether `dir` holds all of mm's catalog as its signed head describes it, without duplicates.
    func expectComplete(
        _ fed: Federation, _ dir: String, entries count: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(
            try fed.sql(dir, "SELECT count(*), count(DISTINCT id) FROM entry WHERE origin = 'mm'")
                == "\(count)|\(count)",
            sourceLocation: sourceLocation)
        #expect(
            try fed.sql(dir, "SELECT live FROM head WHERE origin = 'mm'") == "\(count)", sourceLocation: sourceLocation)
        #expect(try fed.sql(dir, "PRAGMA integrity_check") == "ok", sourceLocation: sourceLocation)
        let verify = try fed.cli.run(["verify", "--dir", dir])
        #expect(
            verify.status == 0 && verify.stdout.contains("all verify"), "\(verify.stdout)",
            sourceLocation: sourceLocation)
    }

    @Test("a peer that is down fails alone: the others sync, the exit status says so, and a later sync completes")
    func peerDown() throws {
        let fed = try Federation.relayChain(offerings: 12, pinNational: false)
        defer { fed.shutDown() }
        try fed.node("mt")
        try fed.cli.succeed([
            "entries", "add", "--dir", "mt", "--type", "offering", "--kind", "event", "--title", "Wafer-Forum",
            "--topic", "microsystems",
        ])
        try fed.serve("mt")
        try fed.pin("de", "bw")
        try fed.pin("de", "mt")
        let bwPort = try #require(fed.server("bw")?.port)
        fed.stop("bw")

        let result = try fed.cli.run(["sync", "--dir", "de", "--json"])
        #expect(result.status == 1)
        let report = try JSONDecoder().decode(SyncReport.self, from: result.stdoutData)
        let down = try #require(report.peers.first { $0.peer == "bw" })
        #expect(!down.ok && down.error?.hasPrefix("nothing listens at peer bw at https://127.0.0.1:\(bwPort)") == true)
        #expect(report.peers.first { $0.peer == "mt" }?.added == 1)
        let listed = try fed.cli.succeed(["peers", "list", "--dir", "de"]).stdout
        #expect(listed.contains("failing"))

        try fed.serve("bw", port: bwPort)
        let later = try fed.sync("de")
        #expect(later.ok && later.peers.first { $0.peer == "bw" }?.added == 12)
        try expectComplete(fed, "de", entries: 12)
    }

    @Test("a connection cut in the middle of a page loses and duplicates nothing; the next sync resumes")
    func cutMidPage() async throws {
        let fed = try Federation.relayChain(offerings: 60, pinNational: false)
        defer { fed.shutDown() }
        let upstream = try #require(fed.server("bw")?.port)
        let proxy = try await TCPProxy(upstreamPort: upstream, mode: .cutAfter(bytes: 40_000))
        try fed.pin("de", "bw", url: "https://127.0.0.1:\(proxy.port)")

        let cut = try fed.sync("de", extra: ["--page-size", "10"])
        #expect(!cut.ok)
        let held = Int(try fed.sql("de", "SELECT count(*) FROM entry")) ?? -1
        let cursor = Int(try fed.sql("de", "SELECT cursor FROM peer_state WHERE peer = 'bw'")) ?? -1
        #expect(held > 0 && held < 60, "held \(held)")
        #expect(cursor > 0)
        #expect(try fed.sql("de", "SELECT count(*) FROM entry WHERE receipt > 0") == String(held))

        proxy.mode = .passThrough
        let resumed = try fed.sync("de", extra: ["--page-size", "10"])
        #expect(resumed.ok && resumed.peers.first?.added == 60 - held)
        try expectComplete(fed, "de", entries: 60)
        await proxy.stop()
    }

    @Test("a sync killed with SIGKILL leaves a consistent database, and the next sync completes")
    func killedDuringSync() async throws {
        let fed = try Federation.relayChain(offerings: 60, pinNational: false)
        defer { fed.shutDown() }
        let upstream = try #require(fed.server("bw")?.port)
        let proxy = try await TCPProxy(upstreamPort: upstream, mode: .slow(milliseconds: 40))
        try fed.pin("de", "bw", url: "https://127.0.0.1:\(proxy.port)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["sync", "--dir", "de", "--page-size", "5"]
        process.currentDirectoryURL = fed.cli.directory.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try Shell.launch(process)
        // Wait until some pages are stored (the event, however long a loaded machine takes; the
        // deadline only keeps a broken sync from hanging the run), then kill the process without warning.
        let deadline = Date().addingTimeInterval(120)
        var cursor = 0
        while cursor == 0 && process.isRunning && Date() < deadline {
            usleep(20_000)
            cursor = Int((try? fed.sql("de", "SELECT coalesce(max(cursor), 0) FROM peer_state")) ?? "") ?? 0
        }
        #expect(cursor > 0 && process.isRunning, "the sync stored no page before it ended or the deadline passed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        #expect(try fed.sql("de", "PRAGMA integrity_check") == "ok")
        let held = Int(try fed.sql("de", "SELECT count(*) FROM entry")) ?? -1
        #expect(held > 0 && held < 60, "held \(held) when killed")
        let verify = try fed.cli.run(["verify", "--dir", "de"])
        #expect(verify.status == 0)

        proxy.mode = .passThrough
        let resumed = try fed.sync("de", extra: ["--page-size", "5"])
        #expect(resumed.ok && resumed.peers.first?.added == 60 - held)
        try expectComplete(fed, "de", entries: 60)
        await proxy.stop()
    }
}
