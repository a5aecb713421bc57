import CatalogCore
import CatalogSearch
import CatalogStore
import Foundation

/// Search times over the puller's catalog for a fixed set of typical queries: in the node's own
/// process (the same call the HTTPS API and the CLI make), beside the same SQL statements in the
/// `sqlite3` shell on the same database.
enum SearchFigures {
    /// What cluster managers type: technology terms (German and English, compounds and parts of
    /// them), terms almost every entry has, two-letter words, and filters with and without text.
    static let queries: [(name: String, query: SearchQuery)] = [
        ("Medizintechnik", SearchQuery(text: "Medizintechnik")),
        ("Wasserstoff Elektrolyse", SearchQuery(text: "Wasserstoff Elektrolyse")),
        ("KI", SearchQuery(text: "KI")),
        ("KI Medizin", SearchQuery(text: "KI Medizin")),
        ("Robotik --region DE-BY", SearchQuery(text: "Robotik", region: "DE-BY")),
        ("technik", SearchQuery(text: "technik")),
        ("Weiterbildung", SearchQuery(text: "Weiterbildung")),
        ("Digitalisierung Mittelstand", SearchQuery(text: "Digitalisierung Mittelstand")),
        ("laser technology", SearchQuery(text: "laser technology")),
        ("Cybersicherheit NIS2", SearchQuery(text: "Cybersicherheit NIS2")),
        ("Stuttgart Seminar", SearchQuery(text: "Stuttgart Seminar")),
        ("--topic hydrogen --type training", SearchQuery(type: .training, topic: "hydrogen")),
        ("--mode online --free", SearchQuery(mode: .online, freeOnly: true)),
        ("Qualitätsmanagement --facets", SearchQuery(text: "Qualitätsmanagement", facets: true)),
    ]

    struct Timings {
        var ours: [Double] = []
        var shell: [Double] = []
        var perQuery: [(name: String, total: Int, oursMedian: Double, shellMedian: Double)] = []
    }

    static func measure(puller: URL, repeats: Int, scratch: URL) async throws -> Timings {
        let path = puller.appendingPathComponent("catalog.sqlite").path
        let store = try CatalogStore.open(path: path)
        defer { try? store.close() }
        var timings = Timings()
        let now = Date()
        var script = ".timer on\n"
        var statementsPerQuery: [Int] = []
        var totals: [Int] = []
        var oursByQuery: [[Double]] = []
        for (name, query) in queries {
            let warm = try await store.search(query, now: now)
            // A broken search is fast; every query of the set finds a full first page.
            guard warm.total > 0, warm.matches.count == min(query.limit, warm.total) else {
                throw BenchError("search \(name) found \(warm.matches.count) of \(warm.total) matches")
            }
            totals.append(warm.total)
            var times: [Double] = []
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                _ = try await store.search(query, now: now)
                times.append((ContinuousClock.now - start).seconds * 1000)
            }
            oursByQuery.append(times)
            timings.ours += times
            let statements = try await store.searchStatements(query, now: now)
            statementsPerQuery.append(statements.count)
            for _ in 0..<(repeats + 1) { script += statements.map { $0 + ";\n" }.joined() }
        }
        let file = scratch.appendingPathComponent("search.sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let output = try Subprocess.run(["sqlite3", "-readonly", path], stdin: file.path, in: scratch).stdout
        var runTimes = output.split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Run Time: real ") else { return nil }
            return line.dropFirst("Run Time: real ".count).split(separator: " ").first.flatMap { Double($0) }
        }[...]
        for (index, count) in statementsPerQuery.enumerated() {
            var times: [Double] = []
            for round in 0..<(repeats + 1) {
                guard runTimes.count >= count else { throw BenchError("the sqlite3 shell printed too few timings") }
                let seconds = runTimes.prefix(count).reduce(0, +)
                runTimes = runTimes.dropFirst(count)
                if round > 0 { times.append(seconds * 1000) }  // the first round warms the cache, as ours did
            }
            timings.shell += times
            timings.perQuery.append(
                (queries[index].name, totals[index], median(oursByQuery[index]), median(times)))
        }
        return timings
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 50) }

    static func percentile(_ values: [Double], _ percent: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    static func figures(_ timings: Timings, entries: Int?) -> [Figure] {
        let size = entries.map { ", \($0.grouped) entries" } ?? ""
        let median = Self.median(timings.ours)
        let shellMedian = Self.median(timings.shell)
        let p99 = percentile(timings.ours, 99)
        let shellP99 = percentile(timings.shell, 99)
        var figures = [
            Figure(
                "search median\(size)", median, "ms", better: .lower, reference: "sqlite3 shell",
                referenceValue: shellMedian, budget: "< 5 ms and ≤ 1.5×",
                withinBudget: median < 5 && median <= 1.5 * max(shellMedian, 1)),
            Figure(
                "search p99\(size)", p99, "ms", better: .lower, reference: "sqlite3 shell",
                referenceValue: shellP99, budget: "< 50 ms and ≤ 1.5×",
                withinBudget: p99 < 50 && p99 <= 1.5 * max(shellP99, 1)),
        ]
        for query in timings.perQuery {
            figures.append(
                Figure(
                    "  search \"\(query.name)\"", query.oursMedian, "ms", better: .lower, reference: "sqlite3 shell",
                    referenceValue: query.shellMedian, note: "median; \(query.total.grouped) matches"))
        }
        return figures
    }

}
