import CatalogCore
import CatalogStore
import CatalogSync
import CatalogTestSupport
import Foundation
import Testing

/// Nodes in one temporary directory, driven through the built executable, and the servers they run.
final class Federation: @unchecked Sendable {
    // Only used from the one test that owns it.
    let cli: CLI
    private var servers: [String: ServingNode] = [:]

    init() throws {
        cli = try CLI()
    }

    /// mm (a cluster with the example catalog, or `offerings` generated offerings, serving) → bw (an
    /// agency that pinned it, endorses it unless told not to, has pulled it and serves) → de
    /// (national, has not pulled yet; pins bw unless told not to, for a test that pins it its own way).
    static func relayChain(offerings: Int? = nil, endorse: Bool = true, pinNational: Bool = true) throws
        -> Federation
    {
        let fed = try Federation()
        try fed.node("mm")
        try fed.node("bw", level: "agency")
        try fed.node("de", level: "national", region: "DE")
        if let offerings {
            let catalog = fed.cli.directory.file("many.json")
            try CatalogJSON.encode((1...offerings).map { Fixtures.offering(id: "angebot-\($0)") }).write(to: catalog)
            try fed.importCatalog("mm", catalog)
        } else {
            try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        }
        try fed.serve("mm")
        try fed.pin("bw", "mm")
        if endorse { try fed.endorse("bw", "mm") }
        #expect(try fed.sync("bw").peers.first?.added == offerings ?? 5)
        try fed.serve("bw")
        if pinNational { try fed.pin("de", "bw") }
        return fed
    }

    func node(_ dir: String, level: String = "cluster", region: String = "DE-BW") throws {
        try cli.succeed([
            "init", "--dir", dir, "--name", dir, "--display-name", "Node \(dir)", "--level", level, "--region", region,
            "--host", "localhost",
        ])
    }

    /// Serves `dir`; with `sync`, its serve pulls from its peers too, as in production.
    @discardableResult
    func serve(_ dir: String, port: Int = 0, sync: Bool = false) throws -> ServingNode {
        let server = try ServingNode(cli: cli, directory: dir, port: port, arguments: sync ? [] : ["--no-sync"])
        servers[dir] = server
        return server
    }

    func server(_ dir: String) -> ServingNode? { servers[dir] }

    func stop(_ dir: String) {
        servers[dir]?.stop()
        servers[dir] = nil
    }

    /// `dir` pins the served node `peer`, trusting its certificate as a CA.
    func pin(_ dir: String, _ peer: String, url: String? = nil) throws {
        let target = try #require(servers[peer], "\(peer) is not serving")
        try cli.succeed([
            "peers", "add", "--dir", dir, "--url", url ?? target.url, "--ca", "\(peer)/tls/cert.pem", "--yes",
        ])
    }

    func endorse(_ dir: String, _ subject: String, extra: [String] = []) throws {
        try cli.succeed(["endorse", "--dir", dir, subject] + extra)
    }

    /// Runs `sync --json` and returns its report, whatever the exit status.
    func sync(_ dir: String, extra: [String] = []) throws -> SyncReport {
        let result = try cli.run(["sync", "--dir", dir, "--json"] + extra)
        do {
            return try JSONDecoder().decode(SyncReport.self, from: result.stdoutData)
        } catch {
            Issue.record("sync printed no report: \(result.stdout) \(result.stderr)")
            throw error
        }
    }

    func importCatalog(_ dir: String, _ file: URL) throws {
        try cli.succeed(["entries", "import", "--dir", dir, file.path])
    }

    /// The ids of `origin`'s live entries held by `dir`.
    func ids(_ dir: String, origin: String) throws -> [String] {
        let list = try #require(
            try cli.json(["entries", "list", "--dir", dir, "--origin", origin]) as? [[String: Any]])
        return list.compactMap { $0["id"] as? String }
    }

    func sql(_ dir: String, _ statement: String) throws -> String {
        let result = try Shell.run("sqlite3", [cli.directory.file("\(dir)/catalog.sqlite").path, statement])
        #expect(result.status == 0, "sqlite3: \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func shutDown() {
        for server in servers.values { server.stop() }
        servers = [:]
        cli.directory.remove()
    }
}
