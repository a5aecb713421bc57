import CatalogCore
import Foundation

/// How fast a change crosses the tiers, and what an idle federation costs: a cluster, its agency
/// and the national node, each a real `clusternode serve` pulling its peer through held requests
/// (`/v1/changes?wait=`), with the sync interval at its default of five minutes. Changes are
/// written with `clusternode entries add` at the cluster; each one's latency is the time from the
/// command's end (the change is committed) until the national node's database holds it, read with
/// the `sqlite3` shell. The idle cost is the requests the cluster answered in a quiet minute.
enum PropagationFigures {
    static let cluster = "bench-cluster"
    static let agency = "bench-agency"
    static let national = "bench-national"

    static func measure(workspace: Workspace, changes: Int) throws -> [Figure] {
        let root = workspace.scratch.appendingPathComponent("propagation", isDirectory: true)
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func dir(_ name: String) -> URL { root.appendingPathComponent(name, isDirectory: true) }
        for (name, level, region) in [
            (cluster, "cluster", "DE-BW"), (agency, "agency", "DE-BW"), (national, "national", "DE"),
        ] {
            try workspace.clusternode([
                "init", "--dir", dir(name).path, "--name", name, "--display-name", name, "--level", level,
                "--region", region, "--host", "localhost",
            ])
        }
        try add(at: dir(cluster), title: "Erstes Angebot", workspace: workspace)
        var servers: [ServingNode] = []
        defer { for server in servers { server.stop() } }
        let clusterServer = try ServingNode(
            dir(cluster), clusternode: workspace.clusternode, scratch: workspace.scratch)
        servers.append(clusterServer)
        try pin(dir(agency), clusterServer, certificate: dir(cluster), workspace: workspace)
        try workspace.clusternode(["endorse", "--dir", dir(agency).path, cluster])
        let agencyServer = try ServingNode(
            dir(agency), clusternode: workspace.clusternode, scratch: workspace.scratch, sync: true)
        servers.append(agencyServer)
        try pin(dir(national), agencyServer, certificate: dir(agency), workspace: workspace)
        servers.append(
            try ServingNode(dir(national), clusternode: workspace.clusternode, scratch: workspace.scratch, sync: true))
        let nationalDatabase = dir(national).appendingPathComponent("catalog.sqlite").path
        guard try waitFor(id: "erstes-angebot", in: nationalDatabase, seconds: 60, scratch: workspace.scratch) != nil
        else { throw BenchError("the national node did not receive the cluster's first entry") }

        workspace.log("propagation: \(changes) changes at the cluster, each awaited at the national node")
        var latencies: [Double] = []
        for index in 1...changes {
            try add(at: dir(cluster), title: "Wechsel \(index)", workspace: workspace)
            guard
                let seconds = try waitFor(
                    id: "wechsel-\(index)", in: nationalDatabase, seconds: 60, scratch: workspace.scratch)
            else { throw BenchError("change \(index) did not reach the national node within 60 s") }
            latencies.append(seconds)
            usleep(useconds_t(200_000 + (index % 5) * 150_000))
        }
        latencies.sort()

        workspace.log("propagation: one idle minute")
        let before = try changesRequests(in: clusterServer.log)
        sleep(60)
        let idle = try changesRequests(in: clusterServer.log) - before

        func percentile(_ p: Double) -> Double {
            latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)]
        }
        return [
            Figure(
                "propagation cluster → agency → national, p50 (\(changes) changes)", percentile(0.5) * 1000, "ms",
                better: .lower),
            Figure(
                "propagation cluster → agency → national, p99", percentile(0.99) * 1000, "ms", better: .lower,
                budget: "under 5 s", withinBudget: percentile(0.99) < 5),
            Figure("propagation cluster → agency → national, max", (latencies.last ?? 0) * 1000, "ms", better: .lower),
            Figure(
                "idle: feed requests the cluster answered its one peer in a minute", Double(idle), "requests",
                better: .lower, budget: "under 2 per peer per minute", withinBudget: idle < 2,
                note: "the sync interval is 300 s; the agency holds a request open for 50 s at a time"),
        ]
    }

    static func add(at directory: URL, title: String, workspace: Workspace) throws {
        try workspace.clusternode([
            "entries", "add", "--dir", directory.path, "--type", "offering", "--kind", "event", "--title", title,
            "--topic", "medtech",
        ])
    }

    static func pin(_ directory: URL, _ server: ServingNode, certificate peer: URL, workspace: Workspace) throws {
        try workspace.clusternode([
            "peers", "add", "--dir", directory.path, "--url", server.url, "--ca",
            peer.appendingPathComponent("tls/cert.pem").path, "--yes",
        ])
    }

    /// Seconds until `database` holds the entry `id`, polling every 10 ms; nil after `seconds`.
    static func waitFor(id: String, in database: String, seconds: Double, scratch: URL) throws -> Double? {
        let start = ContinuousClock.now
        while (ContinuousClock.now - start).seconds < seconds {
            let found = try Subprocess.run(
                ["sqlite3", database, "SELECT count(*) FROM entry WHERE id = '\(id)'"], in: scratch, check: false)
            if found.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1" {
                return (ContinuousClock.now - start).seconds
            }
            usleep(10_000)
        }
        return nil
    }

    /// How many `/v1/changes` requests a serve's log shows.
    static func changesRequests(in log: URL) throws -> Int {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").filter { $0.contains("GET /v1/changes") }
            .count
    }
}
