import CatalogCore
import CatalogTestSupport
import CatalogWire
import Foundation
import Testing

@Suite("clusternode search", .serialized, .timeLimit(.minutes(10)))
struct SearchCLITests {
    @Test("searching the local index and a remote peer's, as a table and as JSON")
    func localAndRemote() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("bw", level: "agency")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("csv"))

        let table = try fed.cli.succeed(["search", "--dir", "mm", "Medizinprodukte Zulassung"]).stdout
        #expect(table.contains("MDR-Update") && table.contains("mdr-regulatory-update") && table.contains("1–"))
        let local = try JSONDecoder().decode(
            SearchResponse.self, from: try fed.cli.succeed(["search", "--dir", "mm", "Umfrage", "--json"]).stdoutData)
        #expect(local.hits.map(\.id) == ["mitgliederumfrage-2027"])  // members-only, but this is the node's own index

        let none = try fed.cli.succeed(["search", "--dir", "mm", "GMP", "--region", "DE-HH"]).stdout
        #expect(none.contains("No entries match 'GMP'") && none.contains("without --region"))
        let bad = try fed.cli.fail(["search", "--dir", "mm", "x", "--kind", "fair"])
        #expect(bad.contains("kind 'fair'"))
        let backwards = try fed.cli.fail(["search", "--dir", "mm", "--from", "2027-05-01", "--to", "2027-04-01"])
        #expect(backwards == "error: --to 2027-04-01 is before --from 2027-05-01")

        try fed.serve("mm")
        try fed.pin("bw", "mm")
        let remote = try JSONDecoder().decode(
            SearchResponse.self,
            from: try fed.cli.succeed(["search", "--dir", "bw", "--remote", "mm", "GMP", "--json"]).stdoutData)
        #expect(remote.hits.map(\.id) == ["gmp-grundlagen-2027"] && remote.hits.first?.verified == true)
        let remoteLocal = try JSONDecoder().decode(
            SearchResponse.self,
            from: try fed.cli.succeed(["search", "--dir", "bw", "--remote", "mm", "Umfrage", "--json"]).stdoutData)
        #expect(remoteLocal.total == 0)
        // The peer words its hint for its HTTP API; the CLI says it in its own options.
        let remoteHint = try fed.cli.succeed(["search", "--dir", "bw", "--remote", "mm", "GMP", "--region", "DE-BY"])
        #expect(remoteHint.stdout.contains("without --region") && !remoteHint.stdout.contains("without region"))
        #expect(try fed.cli.fail(["search", "--dir", "bw", "--remote", "nobody", "GMP"]).contains("no peer 'nobody'"))
    }
}

@Suite("clusternode overview and export", .serialized, .timeLimit(.minutes(10)))
struct OverviewCLITests {
    @Test("every format of the overview, and the exports, as the README shows them")
    func formats() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("de", level: "national", region: "DE")
        try fed.importCatalog("de", Fixtures.exampleCatalog("json"))
        let table = try fed.cli.succeed(["overview", "--dir", "de"]).stdout
        #expect(table.contains("Entries by region") && table.contains("Baden-Württemberg"))
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let csv = try fed.cli.succeed(["overview", "--dir", "de", "--by", "region", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("region,label,count\r\n"))
        #expect(try fed.cli.fail(["overview", "--dir", "de", "--format", "csv"]).contains("--out"))
        try fed.cli.succeed(["overview", "--dir", "de", "--format", "csv", "--out", "tables"])
        #expect(FileManager.default.fileExists(atPath: fed.cli.directory.file("tables/freshness.csv").path))
        try fed.cli.succeed(["overview", "--dir", "de", "--format", "html", "--out", "overview.html"])
        let html = try String(contentsOf: fed.cli.directory.file("overview.html"), encoding: .utf8)
        #expect(html.contains("<svg"))
        let json = try #require(try fed.cli.json(["overview", "--dir", "de"]) as? [String: Any])
        #expect(json["entries"] as? Int == 5)

        try fed.cli.succeed([
            "export", "--dir", "de", "--format", "ics", "--type", "training", "--region", "DE-BW", "--out",
            "trainings.ics",
        ])
        let ics = try String(contentsOf: fed.cli.directory.file("trainings.ics"), encoding: .utf8)
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == 2)  // the two sessions of the DE-BW training
        let jsonld = try fed.cli.succeed(["export", "--dir", "de", "--format", "jsonld", "--origin", "de"]).stdout
        #expect(jsonld.contains("\"@context\" : \"https://schema.org\""))
        #expect(try fed.cli.fail(["export", "--dir", "de", "--format", "pdf"]).contains("pdf"))
    }
}
