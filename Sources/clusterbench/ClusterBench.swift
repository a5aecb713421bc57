import ArgumentParser
import CatalogBench
import CatalogCore
import Foundation

@main
struct ClusterBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusterbench",
        abstract: "Measures clusternode against its budgets, each figure beside a reference from the same run.",
        discussion: """
            Generates a synthetic national federation (deterministic from --seed): clusters whose signed \
            catalogs their agencies hold and vouch for. Serves every agency with `clusternode serve` on loopback HTTPS, pulls it into a fresh national node with `clusternode sync`, \
            and measures: Ed25519 against `openssl speed`; the full pull against verification alone and a \
            `sqlite3` shell load of the same rows; incremental syncs against downloading signed dumps with \
            curl; searches against the same SQL in the `sqlite3` shell; peak memory at two catalog sizes; the \
            overview. Prints a table and writes the figures as JSON. Run it through scripts/bench.sh, which \
            builds both programs in release mode first.
            """)

    @Option(help: "The clusternode binary to measure (default: the one beside this program).")
    var clusternode: String?

    @Option(help: "Seed of the synthetic federation.")
    var seed: UInt64 = 2026

    @Option(help: "Number of clusters (origins) in the federation.")
    var origins = 100

    @Option(help: "Number of agencies that hold the clusters' catalogs and serve them.")
    var agencies = 10

    @Option(help: "Entries in the federation for the full pull, search and overview (1,000 to 1,000,000).")
    var entries = 100_000

    @Option(help: "A smaller federation pulled for the memory comparison.")
    var smallEntries = 10_000

    @Flag(help: "Also pull a federation of 1,000,000 entries for the memory figure (adds about 12 minutes).")
    var million = false

    @Option(help: "Times each search query runs.")
    var searchRepeats = 20

    @Option(help: "Seconds each signature measurement runs.")
    var signatureSeconds = 3

    @Option(help: "Seconds wrk loads the search page and the entry pages, each.")
    var webSeconds = 15

    @Option(
        help: ArgumentHelp(
            "Only measure searches, on the catalog of this existing node (a data directory), e.g. after a full run.",
            valueName: "dir"))
    var searchOnly: String?

    @Option(
        help: ArgumentHelp(
            "Only measure the web catalog (search page, entry pages, a calendar) served from this existing node.",
            valueName: "dir"))
    var webOnly: String?

    @Flag(help: "Only measure trust evaluation (10,000 statements as a chain and as a fan-out).")
    var trustOnly = false

    @Option(
        help: ArgumentHelp(
            "Only measure how fast changes cross cluster → agency → national through held requests, and "
                + "what an idle minute costs: this many changes (about a minute more).",
            valueName: "changes"))
    var propagationOnly: Int?

    /// The catalog size the search figures name (set by a full run that measures in a child process).
    @Option(help: .hidden) var searchEntries: Int?

    @Option(help: "Directory for generated federations (kept between runs) and run data.")
    var work = ".build-bench"

    @Option(help: "Write the figures as JSON to this file.")
    var out = "bench-results.json"

    func validate() throws {
        guard (1_000...1_000_000).contains(entries) else {
            throw ValidationError("--entries must be 1,000 to 1,000,000")
        }
        guard origins >= 1, entries % origins == 0, smallEntries % origins == 0 else {
            throw ValidationError("--entries and --small-entries must divide evenly among --origins")
        }
        guard (1...origins).contains(agencies) else { throw ValidationError("--agencies must be 1 to --origins") }
        guard searchRepeats >= 5 else { throw ValidationError("--search-repeats must be at least 5") }
        guard (1...600).contains(webSeconds) else { throw ValidationError("--web-seconds must be 1 to 600") }
        if let propagationOnly, !(1...1_000).contains(propagationOnly) {
            throw ValidationError("--propagation-only must be 1 to 1,000 changes")
        }
    }

    func run() async throws {
        if trustOnly {
            var report = BenchReport(
                date: Timestamp.format(Date()), machine: .current(openssl: "", sqlite: ""), parameters: [:])
            report.figures = try TrustFigures.measure()
            print(report.table())
            return
        }
        let binary = clusternode ?? Self.sibling("clusternode")
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no clusternode binary at \(binary); pass --clusternode PATH")
        }
        let workspace = Workspace(
            root: URL(fileURLWithPath: work, isDirectory: true).standardizedFileURL, clusternode: binary,
            log: { message in FileHandle.standardError.write(Data("· \(message)\n".utf8)) })
        if let propagationOnly {
            try FileManager.default.createDirectory(at: workspace.scratch, withIntermediateDirectories: true)
            var report = BenchReport(
                date: Timestamp.format(Date()), machine: .current(openssl: "", sqlite: ""), parameters: [:])
            report.figures = try PropagationFigures.measure(workspace: workspace, changes: propagationOnly)
            print(report.table())
            return
        }
        if let webOnly {
            try FileManager.default.createDirectory(at: workspace.scratch, withIntermediateDirectories: true)
            var report = BenchReport(
                date: Timestamp.format(Date()), machine: .current(openssl: "", sqlite: ""), parameters: [:])
            report.figures = try WebFigures.measure(
                puller: URL(fileURLWithPath: webOnly), workspace: workspace, seconds: webSeconds)
            print(report.table())
            return
        }
        if let searchOnly {
            try FileManager.default.createDirectory(at: workspace.scratch, withIntermediateDirectories: true)
            let timings = try await SearchFigures.measure(
                puller: URL(fileURLWithPath: searchOnly), repeats: searchRepeats, scratch: workspace.scratch)
            var report = BenchReport(
                date: Timestamp.format(Date()), machine: .current(openssl: "", sqlite: ""), parameters: [:])
            report.figures = SearchFigures.figures(timings, entries: searchEntries)
            print(report.table())
            try CatalogJSON.encode(report.figures, pretty: true).write(to: URL(fileURLWithPath: out))
            return
        }
        try workspace.prepare()
        let runner = BenchRun(
            workspace: workspace, seed: seed, origins: origins, agencies: agencies, entries: entries,
            smallEntries: smallEntries,
            million: million, searchRepeats: searchRepeats, signatureSeconds: signatureSeconds,
            webSeconds: webSeconds)
        let report = try await runner.run()
        print(report.table())
        let data = try CatalogJSON.encode(report, pretty: true)
        try data.write(to: URL(fileURLWithPath: out))
        FileHandle.standardError.write(Data("· figures written to \(out)\n".utf8))
    }

    /// This program's own executable.
    static var ownPath: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }

    static func sibling(_ name: String) -> String {
        URL(fileURLWithPath: ownPath).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
