import CatalogBench
import CatalogCore
import CatalogNode
import Foundation

/// Where a run keeps its nodes. Generated federations are kept under `cache/` (named by seed and
/// sizes, so a second run skips the signing and indexing of the generator); each run works on
/// fresh copies under `run/`, so the changes it makes never reach the cache.
struct Workspace {
    let root: URL
    let clusternode: String
    let log: @Sendable (String) -> Void

    var scratch: URL { root.appendingPathComponent("scratch", isDirectory: true) }

    func prepare() throws {
        try? FileManager.default.removeItem(at: root.appendingPathComponent("run"))
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    @discardableResult
    func clusternode(_ arguments: [String], check: Bool = true) throws -> Subprocess.Outcome {
        try Subprocess.run([clusternode] + arguments, in: scratch, check: check)
    }

    /// The agency nodes of `federation`, each holding its member clusters' signed catalogs and its
    /// endorsements of their keys; generated unless the cache holds them.
    func generated(_ federation: SyntheticFederation) async throws -> URL {
        let name =
            "seed\(federation.seed)-\(federation.agencies)x\(federation.origins)x\(federation.entriesPerOrigin)-"
            + federation.startDay.text
        let directory = root.appendingPathComponent("cache/\(name)", isDirectory: true)
        let marker = directory.appendingPathComponent("complete")
        if FileManager.default.fileExists(atPath: marker.path) {
            log("using the generated federation in \(directory.path)")
            return directory
        }
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        log(
            "generating \(federation.origins) clusters × \(federation.entriesPerOrigin) entries in "
                + "\(federation.agencies) agencies (seed \(federation.seed))")
        let start = ContinuousClock.now
        for agency in 0..<federation.agencies {
            try await generateAgency(agency, of: federation, in: directory)
            log("  \(agency + 1) of \(federation.agencies) agencies generated")
        }
        log(String(format: "generated in %.1f s", (ContinuousClock.now - start).seconds))
        _ = FileManager.default.createFile(atPath: marker.path, contents: Data())
        return directory
    }

    /// Signs each member cluster's catalog (on all cores) and stores it in the agency's database as
    /// if pulled from the cluster, with the agency's endorsement of the cluster's key.
    private func generateAgency(_ index: Int, of federation: SyntheticFederation, in directory: URL) async throws {
        let agency = federation.agency(index)
        let path = directory.appendingPathComponent(agency.name).path
        try clusternode([
            "init", "--dir", path, "--name", agency.name, "--display-name", "Agency \(index + 1)", "--level", "agency",
            "--region", agency.region, "--host", "127.0.0.1",
        ])
        let node = try await Node.open(DataDirectory(path))
        defer { try? node.store.close() }
        for member in federation.members(ofAgency: index) {
            let catalog = SyntheticCatalog(federation: federation, origin: member)
            let chunk = 2_000
            for first in stride(from: 0, to: federation.entriesPerOrigin, by: chunk) {
                let signed = try await Self.sign(catalog, first..<min(first + chunk, federation.entriesPerOrigin))
                _ = try await node.store.applyReceived(
                    signed.map { .entry($0) }, refusals: [], peer: catalog.name, cursor: 0)
            }
            _ = try await node.store.applyReceived(
                [.head(try catalog.head(issued: Date()))], refusals: [], peer: catalog.name, cursor: 0)
            _ = try await node.endorse(
                subject: catalog.name, key: catalog.key.publicKey, region: agency.region, level: .cluster)
        }
    }

    static func sign(_ catalog: SyntheticCatalog, _ range: Range<Int>) async throws -> [SignedEntry] {
        let signed = await ParallelChunks.map(Array(range), minimumPerWorker: 1) {
            part -> [Result<[SignedEntry], any Error>] in
            guard let first = part.first, let last = part.last else { return [] }
            return [Swift.Result { try catalog.signedEntries(first..<(last + 1)) }]
        }
        return try signed.flatMap { try $0.get() }
    }

    /// Fresh copies of the generated agencies for this run.
    func copyAgencies(_ generated: URL, as name: String) throws -> [URL] {
        let target = root.appendingPathComponent("run/\(name)", isDirectory: true)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Subprocess.run(["cp", "-a", generated.path, target.path], in: scratch)
        try flush()
        return try FileManager.default.contentsOfDirectory(at: target, includingPropertiesForKeys: nil)
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("config.yaml").path) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Writes dirty file pages to disk, so that no measurement pays for an earlier step's writes.
    func flush() throws {
        try Subprocess.run(["sync"], in: scratch)
    }

    /// A new national node that pins every agency as a peer.
    func puller(named name: String, peers: [ServingNode]) throws -> URL {
        let directory = root.appendingPathComponent("run/\(name)")
        try clusternode([
            "init", "--dir", directory.path, "--name", name, "--display-name", "Bench \(name)", "--level", "national",
            "--region", "DE",
        ])
        for peer in peers {
            try clusternode([
                "peers", "add", "--dir", directory.path, "--url", peer.url, "--ca",
                peer.directory.appendingPathComponent("tls/cert.pem").path, "--yes",
            ])
        }
        return directory
    }
}

/// A `clusternode serve` process for one node, on a free loopback port.
final class ServingNode: @unchecked Sendable {
    let directory: URL
    let pid: pid_t
    let url: String

    /// The serve's log (requests, pulls), one line each.
    let log: URL

    /// Serves `directory`; with `sync`, the serve pulls from its peers too, as in production.
    init(_ directory: URL, clusternode: String, scratch: URL, sync: Bool = false) throws {
        self.directory = directory
        let out = scratch.appendingPathComponent("\(directory.lastPathComponent)-serve.out")
        let err = scratch.appendingPathComponent("\(directory.lastPathComponent)-serve.err")
        log = err
        pid = try Subprocess.spawn(
            [clusternode, "serve", "--dir", directory.path, "--host", "127.0.0.1", "--port", "0"]
                + (sync ? [] : ["--no-sync"]),
            stdout: out, stderr: err)
        var found: String?
        for _ in 0..<300 {
            if let text = try? String(contentsOf: out, encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") })
            {
                found = String(line.dropFirst("listening on ".count))
                break
            }
            usleep(50_000)
        }
        guard let found else {
            Subprocess.stop(pid)
            let reason = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            throw BenchError("\(directory.lastPathComponent) did not start serving: \(reason)")
        }
        url = found
    }

    func stop() { Subprocess.stop(pid) }
}
