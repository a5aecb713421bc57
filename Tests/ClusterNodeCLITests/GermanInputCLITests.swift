import CatalogCore
import CatalogTestSupport
import CatalogWire
import Foundation
import Testing

@Suite("German input: labels, short forms, German dates, suggestions, vocab", .serialized)
struct GermanInputCLITests {
    @Test("search takes labels, short forms and German dates; unknown values get suggestions")
    func searchOptions() throws {
        let cli = try CLI()
        try cli.initNode()
        try cli.succeed(["entries", "import", "--dir", "mm", Fixtures.exampleCatalog("csv").path])
        func ids(_ arguments: [String]) throws -> [String] {
            let data = try cli.succeed(["search", "--dir", "mm", "--json"] + arguments).stdoutData
            return try JSONDecoder().decode(SearchResponse.self, from: data).hits.map(\.id).sorted()
        }
        let slugs = try ids(["--topic", "medtech", "--region", "DE-BW", "--from", "2027-03-01", "--mode", "onsite"])
        #expect(!slugs.isEmpty)
        #expect(
            try ids(["--topic", "Medizintechnik", "--region", "BW", "--from", "01.03.2027", "--mode", "Präsenz"])
                == slugs)
        #expect(
            try ids([
                "--topic", "medical technology", "--region", "Baden-Württemberg", "--from", "1.3.2027", "--mode",
                "vor Ort",
            ]) == slugs)
        #expect(try ids(["--kind", "Umfrage", "--audience", "Mitglieder"]) == ["mitgliederumfrage-2027"])

        let topic = try cli.fail(["search", "--dir", "mm", "--topic", "Medizin"])
        #expect(topic.contains("did you mean medtech (Medizintechnik)") && topic.contains("clusternode vocab topics"))
        let region = try cli.fail(["search", "--dir", "mm", "--region", "Bayrn"])
        #expect(region.contains("did you mean DE-BY (Bayern)"), "\(region)")
        #expect(try cli.fail(["search", "--dir", "mm", "--from", "31.02.2027"]).contains("not a real date"))
    }

    @Test("entries add and CSV cells take labels and German dates; the validator suggests terms")
    func entryInput() throws {
        let cli = try CLI()
        try cli.initNode()
        try cli.succeed([
            "entries", "add", "--dir", "mm", "--type", "training", "--title", "Sensorik kompakt", "--topic",
            "Sensorik", "--topic", "Medizintechnik", "--region", "BW", "--language", "Deutsch",
            "--session", "start=15.03.2027 09:00,end=15.03.2027 17:00,mode=Präsenz,city=Ulm,region=Baden-Württemberg",
        ])
        let shown = try #require(
            try cli.json(["entries", "show", "--dir", "mm", "sensorik-kompakt"]) as? [String: Any])
        let entry = try #require(shown["entry"] as? [String: Any])
        #expect(entry["topics"] as? [String] == ["sensors", "medtech"])
        #expect(entry["regions"] as? [String] == ["DE-BW"] && entry["languages"] as? [String] == ["de"])
        let session = try #require((entry["sessions"] as? [[String: Any]])?.first)
        #expect(session["mode"] as? String == "onsite" && session["start"] as? String == "2027-03-15T09:00")
        #expect((session["location"] as? [String: Any])?["region"] as? String == "DE-BW")

        let csv = """
            id;type;kind;title_de;topics;regions;audience
            forum;offering;Veranstaltung;Forum Süd;Medizintechnik|Photonik;Bayern;Unternehmen
            falsch;offering;event;Falsch;Medizin;BW;companies
            """
        try csv.write(to: cli.directory.file("labels.csv"), atomically: true, encoding: .utf8)
        let refused = try cli.run(["entries", "import", "--dir", "mm", "labels.csv"])
        #expect(refused.status != 0)
        #expect(
            refused.stderr.contains("row 3: topics: 'medizin' is not in the topics vocabulary; did you mean medtech"))
        try (csv.components(separatedBy: "\n").dropLast().joined(separator: "\n") + "\n").write(
            to: cli.directory.file("labels.csv"), atomically: true, encoding: .utf8)
        try cli.succeed(["entries", "import", "--dir", "mm", "labels.csv"])
        let forum = try #require(
            (try cli.json(["entries", "show", "--dir", "mm", "forum"]) as? [String: Any])?["entry"] as? [String: Any])
        #expect(forum["kind"] as? String == "event" && forum["topics"] as? [String] == ["medtech", "photonics"])
        #expect(forum["regions"] as? [String] == ["DE-BY"] && forum["audience"] as? [String] == ["companies"])
    }

    @Test("vocab lists every vocabulary and each one's terms, labels and short forms, as text and JSON")
    func vocab() throws {
        let cli = try CLI()
        let all = try cli.succeed(["vocab"]).stdout
        for name in ["topics", "regions", "kinds", "audiences", "modes", "formats", "languages"] {
            #expect(all.contains(name))
        }
        let regions = try cli.succeed(["vocab", "regions"]).stdout
        #expect(regions.contains("DE-BW") && regions.contains("Baden-Württemberg") && regions.contains("BW, BaWü"))
        let topics = try #require(try cli.json(["vocab", "topics"]) as? [String: Any])
        let terms = try #require(topics["terms"] as? [[String: Any]])
        #expect(terms.count == Vocabularies.topics.terms.count)
        let medtech = try #require(terms.first { $0["id"] as? String == "medtech" })
        #expect(medtech["de"] as? String == "Medizintechnik" && medtech["en"] as? String == "Medical technology")
        #expect(try cli.fail(["vocab", "topic"]).contains("topics"))
    }

    @Test("a mistyped command gets its closest commands; a mistyped option the parser's own suggestion")
    func didYouMean() throws {
        let cli = try CLI()
        let command = try cli.run(["serach", "GMP"])
        #expect(command.status == 64)
        #expect(
            command.stderr == "Error: 'serach' is not a command of clusternode. Did you mean 'clusternode search'?\n")
        let sub = try cli.fail(["entries", "lsit"])
        #expect(
            sub.hasPrefix(
                "Error: 'lsit' is not a command of clusternode entries. Did you mean 'clusternode entries list'"))
        #expect(try cli.fail(["xyzzy"]).contains("'xyzzy' is not a command of clusternode; see 'clusternode --help'"))
        #expect(try cli.fail(["search", "x", "--regoin", "BW"]).contains("Did you mean '--region'?"))
        #expect(try cli.succeed(["--version"]).stdout == NodeSoftware.version + "\n")
    }
}
