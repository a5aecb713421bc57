import CatalogBench
import CatalogCore
import CatalogStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Edits entries of the clusters, and hands the new versions and heads to their agencies while
/// they serve, as if the agencies had pulled them.
struct Changes {
    let federation: SyntheticFederation
    let agencies: [URL]
    private var catalogs: [Int: SyntheticCatalog] = [:]

    init(federation: SyntheticFederation, agencies: [URL]) {
        self.federation = federation
        self.agencies = agencies
    }

    /// Edits `count` entries, spread over the clusters round robin; `revision` makes each edit new.
    mutating func apply(_ count: Int, revision: Int) async throws {
        var byOrigin: [Int: [Int]] = [:]
        for change in 0..<count {
            byOrigin[change % federation.origins, default: []].append(change / federation.origins)
        }
        for (origin, indexes) in byOrigin.sorted(by: { $0.key < $1.key }) {
            var catalog = catalogs[origin] ?? SyntheticCatalog(federation: federation, origin: origin)
            let edited = try catalog.edit(indexes, revision: revision)
            let head = try catalog.head(issued: Date())
            catalogs[origin] = catalog
            let agency = agencies[federation.origin(origin).agency]
            let store = try CatalogStore.open(path: agency.appendingPathComponent("catalog.sqlite").path)
            let outcome = try await store.applyReceived(
                edited.map { .entry($0) } + [.head(head)], refusals: [], peer: catalog.name, cursor: 0)
            try store.close()
            guard outcome.updated == edited.count, outcome.refusals.isEmpty else {
                throw BenchError("\(agency.lastPathComponent) took \(outcome.updated) of \(edited.count) edits")
            }
        }
    }
}

/// The naive alternative to a feed: every agency publishes a JSON dump of the whole catalog it
/// holds with one detached Ed25519 signature; a puller downloads every dump with curl over HTTPS
/// and checks each signature with openssl. It never sees what changed, so every sync costs the
/// whole catalog (and it proves less: one agency signature instead of each cluster's own).
struct NaiveDump {
    let seconds: Double
    let requests: Int
    let bodyBytes: Int
    let wireBytes: Int?

    static func measure(_ workspace: Workspace, publishers: [URL]) throws -> NaiveDump {
        let dumps = workspace.scratch.appendingPathComponent("dumps", isDirectory: true)
        try? FileManager.default.removeItem(at: dumps)
        try FileManager.default.createDirectory(at: dumps, withIntermediateDirectories: true)
        var size = 0
        for origin in publishers {
            let dump = dumps.appendingPathComponent("\(origin.lastPathComponent).json")
            try workspace.clusternode(["export", "--dir", origin.path, "--format", "json", "--out", dump.path])
            try Subprocess.run(
                [
                    "openssl", "pkeyutl", "-sign", "-inkey", origin.appendingPathComponent("keys/signing.key").path,
                    "-rawin", "-in", dump.path, "-out", dump.path + ".sig",
                ], in: workspace.scratch)
            size += (try FileManager.default.attributesOfItem(atPath: dump.path)[.size] as? Int) ?? 0
        }
        // openssl's own HTTPS file server, with the first origin's certificate.
        let port = try freePort()
        let tls = publishers[0].appendingPathComponent("tls")
        let server = try Subprocess.spawn(
            [
                "sh", "-c",
                "cd '\(dumps.path)' && exec openssl s_server -quiet -WWW -accept 127.0.0.1:\(port) "
                    + "-cert '\(tls.appendingPathComponent("cert.pem").path)' "
                    + "-key '\(tls.appendingPathComponent("key.pem").path)'",
            ], stdout: workspace.scratch.appendingPathComponent("s_server.out"),
            stderr: workspace.scratch.appendingPathComponent("s_server.err"))
        defer { Subprocess.stop(server) }
        try waitForPort(port)
        let downloads = workspace.scratch.appendingPathComponent("downloads", isDirectory: true)
        try? FileManager.default.removeItem(at: downloads)
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        var script = "set -e\n"
        for origin in publishers {
            let name = origin.lastPathComponent
            let file = downloads.appendingPathComponent("\(name).json").path
            let base = "https://127.0.0.1:\(port)/\(name).json"
            script += "curl -sSf --cacert '\(tls.path)/cert.pem' -o '\(file)' '\(base)'\n"
            script += "curl -sSf --cacert '\(tls.path)/cert.pem' -o '\(file).sig' '\(base).sig'\n"
            script += "openssl pkeyutl -verify -pubin -inkey '\(origin.path)/keys/signing.pub' -rawin "
            script += "-in '\(file)' -sigfile '\(file).sig' >/dev/null\n"
        }
        let before = Loopback.bytes()
        let outcome = try Subprocess.run(["sh", "-c", script], in: workspace.scratch)
        let after = Loopback.bytes()
        return NaiveDump(
            seconds: outcome.seconds, requests: publishers.count * 2, bodyBytes: size,
            wireBytes: before.flatMap { b in after.map { $0 - b } })
    }

    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw BenchError("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func waitForPort(_ port: Int) throws {
        for _ in 0..<100 {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(socket)
            if connected { return }
            usleep(50_000)
        }
        throw BenchError("openssl s_server did not listen on port \(port)")
    }
}
