import CatalogCore
import CatalogImport
import CatalogTestSupport
import Foundation
import Testing

@Suite("Importing catalogs from JSON, YAML and CSV")
struct ImportFormatTests {
    @Test("the example catalog reads the same from all three formats")
    func threeFormatsAgree() throws {
        let json = try CatalogImporter.read(file: Fixtures.exampleCatalog("json"))
        let yaml = try CatalogImporter.read(file: Fixtures.exampleCatalog("yaml"))
        let csv = try CatalogImporter.read(file: Fixtures.exampleCatalog("csv"))
        #expect(json.count == 6)
        #expect(yaml == json)
        #expect(csv == json)
        let gmp = try #require(json.first { $0.id == "gmp-grundlagen-2027" })
        #expect(gmp.sessions.count == 2)
        #expect(gmp.sessions[1].mode == .hybrid)
        #expect(json.first { $0.id == "mitgliederumfrage-2027" }?.visibility == .local)
    }

    @Test("a JSON file may be a plain list of entries")
    func jsonList() throws {
        let data = try CatalogJSON.encode([Fixtures.training(), Fixtures.offering()])
        let entries = try CatalogImporter.read(data, format: .json, name: "list.json")
        #expect(entries == [Fixtures.training(), Fixtures.offering()])
    }

    @Test("CSV with semicolons, a byte order mark, umlauts, quoted separators and German dates")
    func germanSpreadsheet() throws {
        let csv =
            "\u{FEFF}id;type;title_de;topics;keywords;price;session_start;session_end;session_mode;session_city;session_venue\r\n"
            + "reinraum;training;\"Reinraum; Grundlagen für Anfänger\";medtech|microsystems;Hygiene, Reinraum;\"1.250,00 €\";15.03.2027 9:00;15.03.2027 17:00;onsite;München;\"Haus \"\"Süd\"\"\"\r\n"
            + "reinraum;training;;;;;2027-04-12T09:00;2027-04-12T17:00;online;;\r\n"
        let entries = try CatalogImporter.read(Data(csv.utf8), format: .csv, name: "kurse.csv")
        let entry = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(entry.title["de"] == "Reinraum; Grundlagen für Anfänger")
        #expect(entry.topics == ["medtech", "microsystems"])
        #expect(entry.keywords == ["Hygiene", "Reinraum"])
        #expect(entry.price == Price(amount: "1250.00", currency: "EUR"))
        #expect(entry.sessions.map(\.start.text) == ["2027-03-15T09:00", "2027-04-12T09:00"])
        #expect(entry.sessions[0].location == Location(name: "Haus \"Süd\"", city: "München"))
        #expect(entry.sessions[1].mode == .online)
    }

    @Test("CSV with commas and header names in another spelling")
    func commaSeparated() throws {
        let csv = "ID,Type,Kind,Title DE,Title-EN,Topics,Price\nforum,offering,event,Forum,Forum,medtech,kostenlos\n"
        let entries = try CatalogImporter.read(Data(csv.utf8), format: .csv, name: "a.csv")
        #expect(
            entries == [
                Entry(
                    id: "forum", type: .offering, title: LocalizedText(["de": "Forum", "en": "Forum"]),
                    topics: ["medtech"], price: .gratis, kind: "event")
            ])
    }

    @Test("the format comes from the file extension")
    func formatFromExtension() throws {
        #expect(try ImportFormat(fileExtension: "YML") == .yaml)
        #expect(try ImportFormat(fileExtension: "XLSX") == .xlsx)
        #expect(throws: CatalogError.self) { try ImportFormat(fileExtension: "xls") }
        #expect(throws: CatalogError.self) { try ImportFormat(fileExtension: "ods") }
    }
}
