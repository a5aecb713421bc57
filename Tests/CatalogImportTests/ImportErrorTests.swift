import CatalogCore
import CatalogImport
import Foundation
import Testing

@Suite("Import errors name every bad row and field")
struct ImportErrorTests {
    func failure(_ text: String, _ format: ImportFormat) throws -> ImportFailure {
        do {
            let entries = try CatalogImporter.read(Data(text.utf8), format: format, name: "catalog.\(format.rawValue)")
            Issue.record("expected a failure, read \(entries.count) entries")
            throw CatalogError(.invalidInput, "no failure")
        } catch let failure as ImportFailure {
            return failure
        }
    }

    @Test("every bad CSV row is listed with its row number and field")
    func csvRows() throws {
        let csv = """
            id,type,kind,title_de,topics,session_start,session_end,session_mode,session_city
            ok,offering,event,Gut,medtech,,,,
            ends-early,training,,Kurs,medtech,2027-03-15T09:00,2027-03-15T08:00,onsite,Ulm
            ok-too,offering,event,Auch gut,medtech,,,,
            no-title,offering,fair,,medtech,,,,
            bad-cells,training,,X,medtech,31.02.2027 09:00,2027-03-01T10:00,remote,

            """
        let failure = try failure(csv, .csv)
        let text = failure.problems.map(\.description)
        #expect(text.contains("row 3: sessions[0].end: must be after start"))
        #expect(text.contains { $0.hasPrefix("row 5: title:") })
        #expect(text.contains { $0.hasPrefix("row 5: kind: 'fair'") })
        #expect(text.contains { $0.hasPrefix("row 6: session_start: '31.02.2027 09:00' is not a real date") })
        #expect(text.contains { $0.hasPrefix("row 6: session_mode: 'remote'") })
        #expect(!text.contains { $0.hasPrefix("row 2") || $0.hasPrefix("row 4") })
        #expect(failure.summary.contains("nothing imported"))
    }

    @Test("rows of one id that contradict each other are refused")
    func contradictingRows() throws {
        let csv = """
            id,type,title_de,topics,session_start,session_end,session_mode
            kurs,training,Kurs A,medtech,2027-03-15T09:00,2027-03-15T12:00,online
            kurs,training,Kurs B,medtech,2027-04-15T09:00,2027-04-15T12:00,online

            """
        let problems = try failure(csv, .csv).problems.map(\.description)
        #expect(problems == ["row 3: title_de: 'Kurs B' differs from row 2 of the same id ('Kurs A')"])
    }

    @Test("unknown or missing CSV columns are named")
    func csvHeader() throws {
        let problems = try failure("id,titel,topics\nx,Kurs,medtech\n", .csv).problems.map(\.description)
        #expect(problems.contains { $0.contains("column 'titel' is not known") })
        #expect(problems.contains { $0.contains("needs a 'type' column") })
    }

    @Test("JSON entries are checked one by one, naming the entry and the field")
    func jsonEntries() throws {
        let json = """
            [{"id": "x", "type": "offering", "kind": "event", "titel": {"de": "a"}},
             {"id": "y", "type": "training", "title": {"de": "b"}, "topics": ["medtech"],
              "sessions": [{"start": "2027-13-01T10:00", "end": "2027-03-01T12:00", "mode": "online"}]},
             {"id": "z", "type": "offering", "kind": "event", "title": {"de": "ok"}, "topics": ["medtech"], "url": "http://x.de"},
             {"id": "z", "type": "offering", "kind": "event", "title": {"de": "twice"}, "topics": ["medtech"]},
             {"id": "s", "type": "training", "title": {"de": "c"}, "topics": ["medtech"], "sessions": [{"start": 5}]}]
            """
        let problems = try failure(json, .json).problems.map(\.description)
        #expect(problems.contains("entry 1 (x): titel: unknown field"))
        #expect(
            problems.contains { $0.hasPrefix("entry 2 (y): sessions[0].start: '2027-13-01T10:00' is not a real date") })
        #expect(problems.contains("entry 3 (z): url: must be an https URL"))
        #expect(problems.contains { $0.hasPrefix("entry 4 (z): id 'z' is used by entry 3 (z)") })
        #expect(problems.contains("entry 5 (s): sessions[0].start: expected a string"))
    }

    @Test("YAML problems are located like JSON ones")
    func yamlEntries() throws {
        let yaml = """
            entries:
              - id: kurs
                type: training
                title: {de: Kurs}
                topics: [medtech]
                sessions:
                  - {start: "2027-03-15T09:00", end: "2027-03-15T17:00", mode: remote}
            """
        let problems = try failure(yaml, .yaml).problems.map(\.description)
        #expect(problems == ["entry 1 (kurs): sessions[0].mode: 'remote' is not one of onsite, online, hybrid"])
    }

    @Test(
        "files that are not catalogs at all get one clear problem",
        arguments: [("{\"entries\": 5}", ImportFormat.json), ("[1, 2", .json), ("just: text", .yaml), ("", .json)])
    func notCatalogs(text: String, format: ImportFormat) throws {
        let failure = try failure(text, format)
        #expect(failure.problems.count == 1)
    }

    @Test("JSON that is not UTF-8, and CSV that is neither UTF-8 nor Windows-1252, are refused")
    func notUTF8() {
        #expect(throws: CatalogError.self) {
            try CatalogImporter.read(Data([0x5B, 0x22, 0xE4, 0x22, 0x5D]), format: .json, name: "latin1.json")
        }
        // 0x81 is a byte Windows-1252 leaves undefined; 0x01 a control character.
        for bytes: [UInt8] in [[0x69, 0x64, 0x81, 0x0a], [0x69, 0x64, 0xE4, 0x01, 0x0a]] {
            #expect(throws: CatalogError.self) {
                try CatalogImporter.read(Data(bytes), format: .csv, name: "binary.csv")
            }
        }
    }
}

@Suite("Hostile import files")
struct HostileImportTests {
    @Test("a CRLF inside a CSV cell is refused, naming the row and the field")
    func crlfInCell() throws {
        let csv =
            "id,type,kind,title_de,topics,organizer\r\nx,offering,event,Kurs,medtech,\"Evil\r\nATTACH:https://evil.example\"\r\n"
        do {
            _ = try CatalogImporter.read(Data(csv.utf8), format: .csv, name: "catalog.csv")
            Issue.record("the CRLF organizer was imported")
        } catch let failure as ImportFailure {
            #expect(failure.problems.contains { $0.description.contains("organizer") }, "\(failure.problems)")
        }
    }

    @Test("a YAML file whose aliases multiply an entry is refused before it is decoded")
    func aliasBomb() throws {
        let sessions = (1...500).map { day in
            "      - {start: '2027-03-\(String(format: "%02d", day % 28 + 1))T09:00', end: '2027-03-\(String(format: "%02d", day % 28 + 1))T10:00', mode: online}"
        }.joined(separator: "\n")
        var yaml =
            "template: &t\n  id: kurs\n  type: training\n  title: {de: Kurs}\n  topics: [medtech]\n  sessions:\n\(sessions)\nentries:\n"
        yaml += String(repeating: "  - *t\n", count: 1_000)
        do {
            _ = try CatalogImporter.read(Data(yaml.utf8), format: .yaml, name: "bomb.yaml")
            Issue.record("the alias bomb was read")
        } catch let failure as ImportFailure {
            #expect(failure.problems.first?.description.contains("aliases expand") == true, "\(failure.problems)")
        }
    }

    @Test("a few aliases sharing a block are fine")
    func sharedBlock() throws {
        let yaml = """
            contact: &c {email: kurse@example.org}
            entries:
              - {id: a, type: offering, kind: event, title: {de: A}, topics: [medtech], contact: *c}
              - {id: b, type: offering, kind: event, title: {de: B}, topics: [medtech], contact: *c}

            """
        let entries = try CatalogImporter.read(Data(yaml.utf8), format: .yaml, name: "shared.yaml")
        #expect(entries.map(\.id) == ["a", "b"])
    }
}
