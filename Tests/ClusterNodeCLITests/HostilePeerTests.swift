import CatalogCore
import CatalogSync
import CatalogTestSupport
import CatalogTrust
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `scripts/hostile-peer.py` answering in one hostile way, pinned next to a good peer.
final class HostilePeer: @unchecked Sendable {
    let process = Process()
    let port: Int

    init(mode: String, arguments: [String] = []) throws {
        try Tool.require("python3")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", Fixtures.repositoryRoot.appendingPathComponent("scripts/hostile-peer.py").path, mode,
            ] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try Shell.launch(process)
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = PipeRead.chunk(output.fileHandleForReading)
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Stops the peer. Call it (in a `defer`) where the test ends: Swift may release an object after
    /// its last use, which would stop the peer before the sync that needs it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        stop()
    }
}

@Suite("Hostile peers cannot stall, crash or fill up the node", .serialized, .timeLimit(.minutes(10)))
struct HostilePeerTests {
    @Test(
        "each misbehaviour fails that peer alone, within its time limit, and the good peer syncs",
        arguments: [
            ("endless", "more than"), ("huge", "exceeds"), ("slow", "in time"), ("redirect", "answered 302"),
            ("garbage", "feed header"), ("badstatus", "answered 500"),
        ])
    func failing(mode: String, expected: String) throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        let hostile = try HostilePeer(mode: mode)
        defer { hostile.stop() }
        try setUp(fed, hostilePort: hostile.port)
        let result = try fed.cli.run(["sync", "--dir", "de", "--json", "--timeout", "3"], timeLimit: .seconds(120))
        #expect(!result.timedOut, "the sync stalled on the \(mode) peer")
        #expect(result.status == 1)
        let report = try JSONDecoder().decode(SyncReport.self, from: result.stdoutData)
        let bad = try #require(report.peers.first { $0.peer == "hostile" })
        #expect(!bad.ok && bad.error?.contains(expected) == true, "\(bad.error ?? "")")
        // What the peer said is kept short and shown escaped, never as its bytes.
        #expect(bad.error.map { $0.count < 400 && !$0.unicodeScalars.contains("\u{1B}") } == true)
        #expect(report.peers.first { $0.peer == "mm" }?.added == 5)
        #expect(try fed.sql("de", "PRAGMA integrity_check") == "ok")
    }

    @Test("lines that are not UTF-8 or nested 100,000 deep are refused as malformed", arguments: ["badutf8", "nested"])
    func malformedLines(mode: String) throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        let hostile = try HostilePeer(mode: mode)
        defer { hostile.stop() }
        try setUp(fed, hostilePort: hostile.port)
        let report = try fed.sync("de", extra: ["--timeout", "3"])
        let bad = try #require(report.peers.first { $0.peer == "hostile" })
        #expect(bad.refused.map(\.reason) == [.malformed])
        #expect(report.peers.first { $0.peer == "mm" }?.added == 5)
    }

    /// `de` pins the good cluster `mm` (serving) and the hostile peer.
    private func setUp(_ fed: Federation, hostilePort: Int) throws {
        #expect(hostilePort > 0)
        try fed.node("mm")
        try fed.node("de", level: "national", region: "DE")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        try fed.serve("mm")
        try fed.pin("de", "mm")
        let file = PeerFile(
            name: "hostile", displayName: "Hostile", url: "http://127.0.0.1:\(hostilePort)", level: .cluster,
            region: "DE-BW",
            key: NodeSigningKey(origin: "hostile").publicKey, tls: .system, pinnedAt: "2026-11-29T09:00:00Z")
        try Data(try file.yaml().utf8).write(to: fed.cli.directory.file("de/peers/hostile.yaml"))
    }

    @Test("a peer whose certificate is not the pinned one fails at the handshake, and the good peer syncs")
    func wrongCertificate() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("other")
        try fed.node("de", level: "national", region: "DE")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        try fed.serve("mm")
        let impostor = try fed.serve("other")
        try fed.pin("de", "mm")
        // Pinned with mm's certificate, but the server at that address presents another one.
        let file = PeerFile(
            name: "impostor", displayName: "Impostor", url: impostor.url, level: .cluster, region: "DE-BW",
            key: NodeSigningKey(origin: "impostor").publicKey, tls: .ca(file: "impostor.ca.pem"),
            pinnedAt: "2026-11-29T09:00:00Z")
        try Data(try file.yaml().utf8).write(to: fed.cli.directory.file("de/peers/impostor.yaml"))
        try FileManager.default.copyItem(
            at: fed.cli.directory.file("mm/tls/cert.pem"), to: fed.cli.directory.file("de/peers/impostor.ca.pem"))
        let result = try fed.cli.run(["sync", "--dir", "de", "--json", "--timeout", "10"], timeLimit: .seconds(120))
        #expect(!result.timedOut, "the sync stalled on the impostor")
        // Refused at the handshake, not after the 10 s answer limit.
        #expect(result.stdout.contains("certificate") && !result.stdout.contains("in time"))
        let report = try JSONDecoder().decode(SyncReport.self, from: result.stdoutData)
        #expect(report.peers.first { $0.peer == "impostor" }?.ok == false)
        #expect(report.peers.first { $0.peer == "mm" }?.added == 5)
        #expect(result.status == 1)
    }
}
