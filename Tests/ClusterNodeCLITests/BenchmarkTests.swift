import CatalogTestSupport
import Foundation
import Testing

/// The benchmark runs end to end at a tiny size: it generates, serves, pulls, searches and writes
/// its figures. (Its figures are not checked against budgets here: speed is for the benchmark.)
@Suite("Benchmark", .timeLimit(.minutes(10)))
struct BenchmarkTests {
    static let executable = URL(fileURLWithPath: CLI.executable).deletingLastPathComponent()
        .appendingPathComponent("clusterbench").path

    @Test("a tiny run prints its table and writes every figure as JSON")
    func tinyRun() throws {
        let work = try TemporaryDirectory("bench")
        defer { work.remove() }
        let out = work.file("figures.json")
        let result = try Shell.run(
            Self.executable,
            [
                "--clusternode", CLI.executable, "--origins", "4", "--agencies", "2", "--entries", "1000",
                "--small-entries", "400",
                "--search-repeats", "5", "--signature-seconds", "1", "--web-seconds", "1", "--work",
                work.file("work").path, "--out",
                out.path,
            ], directory: work.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("full pull time") && result.stdout.contains("search p99"))

        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        let figures = try #require(report?["figures"] as? [[String: Any]])
        let names = Set(figures.compactMap { $0["name"] as? String })
        for name in [
            "Ed25519 verify", "full pull time", "sync, 0 changes: requests", "sync, 100 changes: time",
            "search median, 1,000 entries", "overview, 1,000 entries (whole process)", "peak memory, pull of 1,000",
            "search page p99, 32 clients", "entry page p99, 32 clients",
        ] {
            #expect(names.contains(name), "no figure \(name)")
        }
        for figure in figures {
            #expect((figure["value"] as? Double ?? -1) >= 0, "\(figure)")
        }
        let requests = figures.first { $0["name"] as? String == "sync, 0 changes: requests" }
        #expect(requests?["value"] as? Double == 2, "an incremental sync with nothing new is one request per peer")
    }

    @Test("the propagation run crosses three real serves and prints its latencies and the idle minute's requests")
    func propagation() throws {
        let work = try TemporaryDirectory("bench-propagation")
        defer { work.remove() }
        let result = try Shell.run(
            Self.executable,
            ["--clusternode", CLI.executable, "--propagation-only", "3", "--work", work.file("work").path],
            directory: work.url, timeLimit: .seconds(240))
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        for row in [
            "propagation cluster → agency → national, p50 (3 changes)", "propagation cluster → agency → national, p99",
            "idle: feed requests the cluster answered its one peer in a minute",
        ] {
            #expect(result.stdout.contains(row), "no row \(row): \(result.stdout)")
        }
        let servesLeft = try Shell.run("pgrep", ["-f", work.file("work").path])
        #expect(servesLeft.stdout.isEmpty, "serves still running: \(servesLeft.stdout)")
    }

    @Test("bad sizes are refused with a one-line reason")
    func badSizes() throws {
        let result = try Shell.run(
            Self.executable, ["--entries", "10"], directory: FileManager.default.temporaryDirectory)
        #expect(result.status != 0)
        #expect(result.stderr.contains("--entries must be 1,000 to 1,000,000"))
    }
}
