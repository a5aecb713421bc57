import CatalogBench
import CatalogCore
import Foundation

/// The whole benchmark, step by step; each step logs what it does on stderr.
struct BenchRun {
    let workspace: Workspace
    let seed: UInt64
    let origins: Int
    let agencies: Int
    let entries: Int
    let smallEntries: Int
    let million: Bool
    let searchRepeats: Int
    let signatureSeconds: Int
    let webSeconds: Int

    func log(_ message: String) { workspace.log(message) }

    func federation(_ total: Int) -> SyntheticFederation {
        SyntheticFederation(
            seed: seed, origins: origins, entriesPerOrigin: total / origins, agencies: agencies,
            startDay: CatalogDate(CivilCalendar.berlinDay(of: Date()))!)
    }

    func run() async throws -> BenchReport {
        let openssl = try Subprocess.run(["openssl", "version"], in: workspace.scratch).stdout
        let sqlite = try Subprocess.run(["sqlite3", "--version"], in: workspace.scratch).stdout
        var report = BenchReport(
            date: Timestamp.format(Date()),
            machine: .current(
                openssl: openssl.trimmingCharacters(in: .whitespacesAndNewlines),
                sqlite: String(sqlite.split(separator: " ").first ?? "")),
            parameters: [
                "seed": String(seed), "origins": String(origins), "agencies": String(agencies),
                "entries": String(entries),
                "smallEntries": String(smallEntries), "searchRepeats": String(searchRepeats),
                "million": String(million),
            ])

        log("Ed25519: ours and openssl speed, \(signatureSeconds) s each")
        let main = federation(entries)
        report.figures += try SignatureFigures.measure(
            seconds: signatureSeconds, sample: main.entry(origin: 0, index: 0), scratch: workspace.scratch)

        log("trust evaluation: \(TrustFigures.statements) statements, a chain and a fan-out")
        report.figures += try TrustFigures.measure()

        let generated = try await workspace.generated(main)
        let agencyDirectories = try workspace.copyAgencies(generated, as: "agencies")
        let servers = try agencyDirectories.map {
            try ServingNode($0, clusternode: workspace.clusternode, scratch: workspace.scratch)
        }
        defer { servers.forEach { $0.stop() } }
        let puller = try workspace.puller(named: "national", peers: servers)

        try workspace.flush()
        log("full pull of \(entries) entries of \(origins) clusters from \(agencies) agencies over HTTPS")
        let full = try Pull.run(workspace, puller: puller)
        guard full.added == entries else { throw BenchError("the full pull added \(full.added) of \(entries) entries") }
        log(String(format: "  %.1f s, peak %.0f MiB", full.seconds, full.peakMiB))
        try workspace.flush()
        log("verification alone, on all cores")
        let keys = Dictionary(
            uniqueKeysWithValues: (0..<origins).map { (main.origin($0).name, main.signingKey(origin: $0).publicKey) })
        let verification = try await PullReferences.verificationSeconds(puller: puller, keys: keys)
        try workspace.flush()
        log("loading the same rows with the sqlite3 shell")
        let load = try PullReferences.sqliteLoadSeconds(puller: puller, scratch: workspace.scratch)
        report.figures += pullFigures(full, verification: verification.seconds, load: load)

        log("naive alternative: signed JSON dumps over HTTPS with curl, verified with openssl")
        let naive = try NaiveDump.measure(workspace, publishers: agencyDirectories)
        var edits = Changes(federation: main, agencies: agencyDirectories)
        for (changes, revision) in [(0, 0), (1, 1), (100, 2)] {
            if changes > 0 { try await edits.apply(changes, revision: revision) }
            log("incremental sync with \(changes) changes")
            let pull = try Pull.run(workspace, puller: puller)
            guard pull.updated == changes else {
                throw BenchError("the sync after \(changes) changes updated \(pull.updated) entries")
            }
            report.figures += incrementalFigures(pull, changes: changes, naive: naive)
        }

        try workspace.flush()
        log("search: \(SearchFigures.queries.count) queries × \(searchRepeats), ours and the sqlite3 shell")
        report.figures += try searchFiguresInOwnProcess(puller: puller)

        log("overview of \(entries) entries")
        var overviewTimes: [Double] = []
        for _ in 0..<5 {
            overviewTimes.append(
                try workspace.clusternode(["overview", "--dir", puller.path, "--format", "json"]).seconds)
        }
        let overview = SearchFigures.median(overviewTimes)
        report.figures.append(
            Figure(
                "overview, \(entries.grouped) entries (whole process)", overview * 1000, "ms", better: .lower,
                budget: "< 1,000 ms", withinBudget: overview < 1, note: "median of 5 runs of overview --format json"))

        report.figures += try WebFigures.measure(puller: puller, workspace: workspace, seconds: webSeconds)

        servers.forEach { $0.stop() }
        report.figures += try await memoryFigures(reference: full)
        return report
    }

    private func pullFigures(_ full: Pull, verification: Double, load: Double) -> [Figure] {
        let unavoidable = verification + load
        return [
            Figure(
                "full pull, \(entries.grouped) entries", Double(entries) / full.seconds, "entries/s", better: .higher,
                reference: "verification alone (all cores)", referenceValue: Double(entries) / verification),
            Figure(
                "full pull, \(entries.grouped) entries", Double(entries) / full.seconds, "entries/s", better: .higher,
                reference: "sqlite3 shell load", referenceValue: Double(entries) / load),
            Figure(
                "full pull time", full.seconds, "s", better: .lower, reference: "verification + sqlite3 load",
                referenceValue: unavoidable, budget: "≤ 1.5×", withinBudget: full.seconds <= 1.5 * unavoidable,
                note: String(
                    format: "verification %.1f s, sqlite3 load %.1f s; %d requests", verification, load,
                    full.requests)),
        ]
    }

    private func incrementalFigures(_ pull: Pull, changes: Int, naive: NaiveDump) -> [Figure] {
        let label = "sync, \(changes) change\(changes == 1 ? "" : "s")"
        var figures = [
            Figure(
                "\(label): requests", Double(pull.requests), "", better: .lower, reference: "naive dumps",
                referenceValue: Double(naive.requests),
                budget: changes == 0 ? "one per peer (\(agencies))" : nil,
                withinBudget: changes == 0 ? pull.requests == agencies : nil),
            Figure(
                "\(label): time", pull.seconds * 1000, "ms", better: .lower, reference: "naive dumps",
                referenceValue: naive.seconds * 1000, note: "whole clusternode sync process"),
        ]
        if let wire = pull.wireBytes, let naiveWire = naive.wireBytes {
            figures.insert(
                Figure(
                    "\(label): bytes on the wire", Double(wire), "B", better: .lower, reference: "naive dumps",
                    referenceValue: Double(naiveWire),
                    note: "loopback bytes (TLS, HTTP, TCP); answer bodies \(pull.bodyBytes.grouped) B"),
                at: 1)
        }
        return figures
    }

    /// Searches run in a process of their own, as in a node that serves them, not in this one, whose
    /// heap the earlier steps have churned.
    private func searchFiguresInOwnProcess(puller: URL) throws -> [Figure] {
        let out = workspace.scratch.appendingPathComponent("search-figures.json")
        try Subprocess.run(
            [
                ClusterBench.ownPath, "--search-only", puller.path, "--search-repeats", String(searchRepeats),
                "--search-entries", String(entries), "--work", workspace.root.appendingPathComponent("search").path,
                "--out", out.path,
            ], in: workspace.scratch)
        return try JSONDecoder().decode([Figure].self, from: Data(contentsOf: out))
    }

    /// Peak memory of `clusternode sync` for a small federation (and a million entries when asked),
    /// beside the full pull: flat means the larger pulls need no more.
    private func memoryFigures(reference full: Pull) async throws -> [Figure] {
        var figures: [Figure] = []
        var pulls: [(Int, Pull)] = []
        for size in [smallEntries] + (million ? [1_000_000] : []) {
            log("memory: pulling \(size) entries")
            let generated = try await workspace.generated(federation(size))
            let directories = try workspace.copyAgencies(generated, as: "agencies-\(size)")
            let servers = try directories.map {
                try ServingNode($0, clusternode: workspace.clusternode, scratch: workspace.scratch)
            }
            defer { servers.forEach { $0.stop() } }
            let puller = try workspace.puller(named: "memory-\(size)", peers: servers)
            let pull = try Pull.run(workspace, puller: puller)
            guard pull.added == size else { throw BenchError("the pull added \(pull.added) of \(size) entries") }
            log(String(format: "  %.1f s, peak %.0f MiB", pull.seconds, pull.peakMiB))
            pulls.append((size, pull))
        }
        let small = pulls[0]
        figures.append(
            Figure(
                "peak memory, pull of \(entries.grouped)", full.peakMiB, "MiB", better: .lower,
                reference: "pull of \(small.0.grouped)", referenceValue: small.1.peakMiB, budget: "flat (≤ 1.5×)",
                withinBudget: full.peakMiB <= 1.5 * small.1.peakMiB))
        if let large = pulls.first(where: { $0.0 == 1_000_000 }) {
            figures.append(
                Figure(
                    "peak memory, pull of 1,000,000", large.1.peakMiB, "MiB", better: .lower,
                    reference: "pull of \(small.0.grouped)", referenceValue: small.1.peakMiB, budget: "flat (≤ 1.5×)",
                    withinBudget: large.1.peakMiB <= 1.5 * small.1.peakMiB,
                    note: String(format: "%.0f s, %.0f entries/s", large.1.seconds, 1e6 / large.1.seconds)))
        }
        return figures
    }
}

extension Int {
    /// 100000 as "100,000".
    var grouped: String { Number.text(Double(self), "") }
}
