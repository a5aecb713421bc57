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

    /// The origin nodes of `federation`, generated unless the cache holds them.
    func generated(_ federation: SyntheticFederation) async throws -> URL {
        let name =
            "seed\(federation.seed)-\(federation.origins)x\(federation.entriesPerOrigin)-\(federation.startDay.text)"
        let directory = root.appendingPathComponent("cache/\(name)", isDirectory: true)
        let marker = directory.appendingPathComponent("complete")
        if FileManager.default.fileExists(atPath: marker.path) {
            log("using the generated federation in \(directory.path)")
            return directory
        }
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        log(
            "generating \(federation.origins) origins × \(federation.entriesPerOrigin) entries (seed \(federation.seed))"
        )
        let start = ContinuousClock.now
        // Two origins at a time: each signs and indexes on one core.
        let indexes = Array(0..<federation.origins)
        for pair in stride(from: 0, to: indexes.count, by: 2) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in indexes[pair..<min(pair + 2, indexes.count)] {
                    group.addTask { try await self.generateOrigin(index, of: federation, in: directory) }
                }
                try await group.waitForAll()
            }
            log("  \(min(pair + 2, indexes.count)) of \(federation.origins) origins generated")
        }
        log(String(format: "generated in %.1f s", (ContinuousClock.now - start).seconds))
        _ = FileManager.default.createFile(atPath: marker.path, contents: Data())
        return directory
    }

    private func generateOrigin(_ index: Int, of federation: SyntheticFederation, in directory: URL) async throws {
        let origin = federation.origin(index)
        let path = directory.appendingPathComponent(origin.name).path
        try clusternode([
            "init", "--dir", path, "--name", origin.name, "--display-name", origin.displayName, "--level", "cluster",
            "--region", origin.region, "--host", "127.0.0.1",
        ])
        let node = try await Node.open(DataDirectory(path))
        defer { try? node.store.close() }
        // Chunks keep the generator's memory bounded at a million entries.
        let chunk = 10_000
        for first in stride(from: 0, to: federation.entriesPerOrigin, by: chunk) {
            let entries = (first..<min(first + chunk, federation.entriesPerOrigin)).map {
                federation.entry(origin: index, index: $0)
            }
            try await node.put(entries)
        }
    }

    /// Fresh copies of the generated origins for this run.
    func copyOrigins(_ generated: URL, as name: String) throws -> [URL] {
        let target = root.appendingPathComponent("run/\(name)", isDirectory: true)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Subprocess.run(["cp", "-a", generated.path, target.path], in: scratch)
        return try FileManager.default.contentsOfDirectory(at: target, includingPropertiesForKeys: nil)
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("config.yaml").path) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// A new national node that pins every origin as a peer.
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

    init(_ directory: URL, clusternode: String, scratch: URL) throws {
        self.directory = directory
        let out = scratch.appendingPathComponent("\(directory.lastPathComponent)-serve.out")
        let err = scratch.appendingPathComponent("\(directory.lastPathComponent)-serve.err")
        pid = try Subprocess.spawn(
            [clusternode, "serve", "--dir", directory.path, "--host", "127.0.0.1", "--port", "0", "--no-sync"],
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
