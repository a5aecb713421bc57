import Foundation

/// The web catalog under load, from outside the node: `clusternode serve` answers the search page
/// and entry pages over HTTPS to wrk with 32 connections (p99 from wrk's latency distribution), and
/// `curl` times the calendar feed of a search with about 1,000 sessions, whole request, rendered
/// and from the page cache.
enum WebFigures {
    static let connections = 32
    /// Entry pages wrk asks for in turn, drawn at random from the catalog.
    static let entryPages = 500

    /// The search page as members use it: the benchmark's queries as page addresses.
    static let searchPages = [
        "/?q=Medizintechnik", "/?q=Wasserstoff+Elektrolyse", "/?q=KI", "/?q=Robotik&region=DE-BY", "/?q=technik",
        "/?q=Weiterbildung", "/?q=laser+technology", "/?type=training&topic=hydrogen", "/?mode=online&free=true",
        "/?q=Qualit%C3%A4tsmanagement", "/?q=Stuttgart+Seminar", "/",
    ]

    static func measure(puller: URL, workspace: Workspace, seconds: Int) throws -> [Figure] {
        let database = puller.appendingPathComponent("catalog.sqlite").path
        let server = try ServingNode(puller, clusternode: workspace.clusternode, scratch: workspace.scratch)
        defer { server.stop() }
        let entries = try Subprocess.run(
            [
                "sqlite3", "-readonly", "-separator", "/", database,
                "SELECT origin, id FROM entry WHERE deleted = 0 AND visibility = 'federated' ORDER BY random() LIMIT \(entryPages)",
            ], in: workspace.scratch
        ).stdout.split(separator: "\n").map { "/entries/\($0)" }
        guard entries.count == entryPages else {
            throw BenchError("found \(entries.count) of \(entryPages) entries for the entry pages")
        }

        var figures: [Figure] = []
        for (name, paths) in [("search page", searchPages), ("entry page", entries)] {
            // Requests a finished wrk left in the node's queue are still answered: let them drain.
            sleep(3)
            // The first round renders each address (and fills the page cache): measured apart.
            workspace.log("web: \(name), first round, wrk with \(connections) connections for \(seconds) s")
            let cold = try wrk(server.url, paths: paths, seconds: seconds, name: name, scratch: workspace.scratch)
            sleep(3)
            workspace.log("web: \(name), wrk with \(connections) connections for \(seconds) s")
            let load = try wrk(server.url, paths: paths, seconds: seconds, name: name, scratch: workspace.scratch)
            figures.append(
                Figure(
                    "\(name) p99, 32 clients, first round", cold.p99, "ms", better: .lower,
                    note: String(
                        format: "median %.1f ms, %.0f requests/s, each address rendered (cache misses)", cold.median,
                        cold.rate)))
            figures.append(
                Figure(
                    "\(name) p99, \(connections) clients", load.p99, "ms", better: .lower, budget: "< 50 ms",
                    withinBudget: load.p99 < 50,
                    note: String(
                        format: "median %.1f ms, %.0f requests/s over %d addresses, after a first round",
                        load.median, load.rate, paths.count
                    )))
        }

        let (parameters, sessions) = try calendarSearch(database: database, scratch: workspace.scratch)
        workspace.log("web: calendar of \(parameters) (\(sessions) sessions), curl × 7 rendered, × 7 cached")
        let body = workspace.scratch.appendingPathComponent("calendar.ics")
        func request(_ query: String) throws -> Double {
            let outcome = try Subprocess.run(
                [
                    "curl", "-sS", "--cacert", puller.appendingPathComponent("tls/cert.pem").path, "-o", body.path,
                    "-w", "%{http_code} %{time_total}", "\(server.url)/calendar.ics?\(query)",
                ], in: workspace.scratch)
            let parts = outcome.stdout.split(separator: " ")
            guard parts.first == "200", let total = parts.last.flatMap({ Double($0) }) else {
                throw BenchError("the calendar answered \(outcome.stdout)")
            }
            return total * 1000
        }
        // Each of the first seven is another address (a `from` long past changes nothing of the
        // sessions found), so each is rendered; then one address seven times, from the page cache.
        let rendered = try (1...7).map { try request("\(parameters)&from=2000-01-0\($0)") }
        let cached = try (1...7).map { _ in try request(parameters) }
        let events = try String(contentsOf: body, encoding: .utf8).components(separatedBy: "BEGIN:VEVENT").count - 1
        guard events > 0 else { throw BenchError("the calendar of \(parameters) holds no event") }
        let median = SearchFigures.median(rendered)
        figures.append(
            Figure(
                "calendar feed of \(events.grouped) sessions, rendered", median, "ms", better: .lower,
                budget: "< 200 ms for 1,000", withinBudget: median < 200 * max(1, Double(events) / 1000),
                note: "whole request, median of 7 addresses, /calendar.ics?\(parameters)"))
        figures.append(
            Figure(
                "calendar feed of \(events.grouped) sessions, cached", SearchFigures.median(cached), "ms",
                better: .lower, note: "whole request, median of 7 asks for one address"))
        return figures
    }

    /// The region and technology field whose upcoming training sessions number closest to 1,000, as
    /// calendar parameters.
    static func calendarSearch(database: String, scratch: URL) throws -> (String, Int) {
        let now = ISO8601DateFormatter().string(from: Date())
        let rows = try Subprocess.run(
            [
                "sqlite3", "-readonly", "-separator", " ", database,
                """
                SELECT r.value, t.value, count(*) FROM search_session s JOIN search_doc d ON d.doc_id = s.doc_id
                JOIN search_tag r ON r.doc_id = d.doc_id AND r.facet = 'region'
                JOIN search_tag t ON t.doc_id = d.doc_id AND t.facet = 'topic'
                WHERE d.type = 'training' AND d.local = 0 AND s.cancelled = 0 AND s."end" > '\(now)' GROUP BY 1, 2
                """,
            ], in: scratch
        ).stdout.split(separator: "\n").compactMap { line -> (String, Int)? in
            let parts = line.split(separator: " ")
            guard parts.count == 3, let count = Int(parts[2]) else { return nil }
            return ("type=training&region=\(parts[0])&topic=\(parts[1])", count)
        }
        guard let best = rows.min(by: { abs($0.1 - 1000) < abs($1.1 - 1000) }) else {
            throw BenchError("no training sessions for a calendar")
        }
        return best
    }

    struct Load {
        let median: Double
        let p99: Double
        let rate: Double
    }

    /// Runs wrk over `paths` in turn and reads its latency distribution; any error fails the run.
    static func wrk(_ url: String, paths: [String], seconds: Int, name: String, scratch: URL) throws -> Load {
        let script = scratch.appendingPathComponent("\(name.replacingOccurrences(of: " ", with: "-")).lua")
        let list = paths.map { "\"\($0)\"" }.joined(separator: ",\n  ")
        try """
        local paths = {
          \(list)
        }
        local i = 0
        request = function()
          i = i + 1
          return wrk.format("GET", paths[(i % #paths) + 1])
        end
        """.write(to: script, atomically: true, encoding: .utf8)
        let output = try Subprocess.run(
            [
                "wrk", "--threads", "2", "--connections", String(connections), "--duration", "\(seconds)s", "--timeout",
                "30s",
                "--latency", "--script", script.path, url,
            ], in: scratch
        ).stdout
        // A slow answer is a figure; a failed one means the run measured something broken.
        if output.contains("Non-2xx")
            || output.contains("Socket errors: connect") && !output.contains("connect 0, read 0, write 0,")
        {
            throw BenchError("wrk saw errors on the \(name):\n\(output)")
        }
        func milliseconds(_ label: String) -> Double? {
            guard
                let line = output.split(separator: "\n").first(where: {
                    $0.trimmingCharacters(in: .whitespaces).hasPrefix(label)
                }),
                let value = line.split(separator: " ").last
            else { return nil }
            let text = String(value)
            for (suffix, factor) in [("ms", 1.0), ("us", 0.001), ("s", 1000.0)] where text.hasSuffix(suffix) {
                return Double(text.dropLast(suffix.count)).map { $0 * factor }
            }
            return nil
        }
        guard let median = milliseconds("50%"), let p99 = milliseconds("99%"),
            let rateLine = output.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
            let rate = rateLine.split(separator: " ").last.flatMap({ Double($0) })
        else { throw BenchError("cannot read wrk's figures:\n\(output)") }
        return Load(median: median, p99: p99, rate: rate)
    }
}
