import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@Suite("The catalog as a spreadsheet, out and back in", .serialized, .timeLimit(.minutes(10)))
struct SpreadsheetCLITests {
    /// Python's own csv module reads `file` with `delimiter`: the header, and per row its id, title
    /// and session start, as JSON.
    func pythonRows(_ file: URL, delimiter: String, in cli: CLI) throws -> (header: [String], rows: [[String]]) {
        let script = """
            import csv, json, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f, delimiter=sys.argv[2]))
            print(json.dumps({"header": rows[0], "rows": [[r[0], r[4], r[rows[0].index("session_start")]] for r in rows[1:]]}))
            """
        let result = try Shell.run("python3", ["-c", script, file.path, delimiter], directory: cli.directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        return (try #require(json["header"] as? [String]), try #require(json["rows"] as? [[String]]))
    }

    @Test("export --format csv writes the import's columns, one row per session; importing it changes nothing")
    func roundTrip() throws {
        let cli = try CLI()
        try cli.initNode()
        try cli.succeed(["entries", "import", "--dir", "mm", Fixtures.exampleCatalog("csv").path])

        try cli.succeed(["export", "--dir", "mm", "--format", "csv", "--include-local", "--out", "catalog.csv"])
        let file = cli.directory.file("catalog.csv")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("id,type,kind,format,title_de,title_en,"))
        #expect(text.contains("\r\n"))
        // The phone number starts with +, which a spreadsheet would take for a formula.
        #expect(text.contains(",'+49 7461 9696 0,"))
        let (header, rows) = try pythonRows(file, delimiter: ",", in: cli)
        #expect(header.contains("session_registration_deadline") && header.count == 44)
        // gmp-grundlagen-2027 has two sessions: two rows, both with its title.
        let gmp = rows.filter { $0[0] == "gmp-grundlagen-2027" }
        #expect(gmp.count == 2 && gmp.allSatisfy { $0[1] == "GMP-Grundlagen für Einsteiger" })
        #expect(Set(gmp.map { $0[2] }) == ["2027-03-15T09:00", "2027-10-11T09:00"])
        #expect(Set(rows.map { $0[0] }).count == 6)  // the local survey too, with --include-local

        let again = try cli.succeed(["entries", "import", "--dir", "mm", "catalog.csv", "--replace"]).stdout
        #expect(again.contains("0 added, 0 updated, 6 unchanged, 0 withdrawn"), "\(again)")

        // An office edits one title in the file and imports it back: one entry updated.
        let edited = text.replacingOccurrences(of: "GMP-Grundlagen für Einsteiger", with: "GMP-Grundlagen kompakt")
        try edited.write(to: cli.directory.file("edited.csv"), atomically: true, encoding: .utf8)
        let update = try cli.succeed(["entries", "import", "--dir", "mm", "edited.csv", "--replace"]).stdout
        #expect(update.contains("0 added, 1 updated, 5 unchanged, 0 withdrawn"), "\(update)")
        let shown = try cli.succeed(["entries", "show", "--dir", "mm", "gmp-grundlagen-2027"]).stdout
        #expect(shown.contains("GMP-Grundlagen kompakt"))
    }

    @Test("--excel writes German Excel's form: byte order mark, semicolons, decimal commas; it imports unchanged")
    func excelForm() throws {
        let cli = try CLI()
        try cli.initNode()
        try cli.succeed(["entries", "import", "--dir", "mm", Fixtures.exampleCatalog("csv").path])
        try cli.succeed(["export", "--dir", "mm", "--format", "csv", "--excel", "--out", "excel.csv"])
        let data = try Data(contentsOf: cli.directory.file("excel.csv"))
        #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("id;type;kind;format;") && text.contains(";450,00 EUR;"))
        // Local entries stay out without --include-local.
        #expect(!text.contains("mitgliederumfrage-2027"))
        let (header, rows) = try pythonRows(cli.directory.file("excel.csv"), delimiter: ";", in: cli)
        #expect(header.first == "id" && Set(rows.map { $0[0] }).count == 5)
        let again = try cli.succeed(["entries", "import", "--dir", "mm", "excel.csv"]).stdout
        #expect(again.contains("0 added, 0 updated, 5 unchanged"), "\(again)")

        #expect(try cli.fail(["export", "--dir", "mm", "--format", "json", "--excel"]).contains("--excel"))
    }

    @Test("a hostile title starting with = goes out neutralised and comes back as it was")
    func hostileCells() throws {
        let cli = try CLI()
        try cli.initNode()
        let catalog = """
            id,type,kind,title_de,topics,summary_de
            formel,offering,event,"=HYPERLINK(""https://evil.example"",""Klick"")",medtech,"-2+3"
            """
        try catalog.write(to: cli.directory.file("hostile.csv"), atomically: true, encoding: .utf8)
        try cli.succeed(["entries", "import", "--dir", "mm", "hostile.csv"])
        try cli.succeed(["export", "--dir", "mm", "--format", "csv", "--out", "out.csv"])
        let text = try String(contentsOf: cli.directory.file("out.csv"), encoding: .utf8)
        #expect(text.contains(#""'=HYPERLINK(""https://evil.example"",""Klick"")""#))
        #expect(text.contains(",'-2+3,"))
        let again = try cli.succeed(["entries", "import", "--dir", "mm", "out.csv"]).stdout
        #expect(again.contains("0 added, 0 updated, 1 unchanged"), "\(again)")
    }

    @Test("export --format xlsx and back: unchanged; an office edits a cell in openpyxl and one entry is updated")
    func workbookRoundTrip() throws {
        let cli = try CLI()
        try cli.initNode()
        try cli.succeed(["entries", "import", "--dir", "mm", Fixtures.exampleCatalog("csv").path])
        try cli.succeed(["export", "--dir", "mm", "--format", "xlsx", "--include-local", "--out", "katalog.xlsx"])
        let again = try cli.succeed(["entries", "import", "--dir", "mm", "katalog.xlsx", "--replace"]).stdout
        #expect(again.contains("0 added, 0 updated, 6 unchanged, 0 withdrawn"), "\(again)")
        #expect(try cli.fail(["export", "--dir", "mm", "--format", "xlsx", "--excel"]).contains("--format csv"))

        try Tool.requirePython(module: "openpyxl")
        let edit = """
            import sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            sheet = book.worksheets[0]
            header = [cell.value for cell in sheet[1]]
            for row in sheet.iter_rows(min_row=2):
                if row[header.index("id")].value == "reinraum-praxis":
                    row[header.index("title_de")].value = "Reinraum in der Praxis, kompakt"
            book.save(sys.argv[2])
            """
        let python = try Shell.run(
            "python3", ["-c", edit, "katalog.xlsx", "edited.xlsx"], directory: cli.directory.url)
        #expect(python.status == 0, "\(python.stderr)")
        let update = try cli.succeed(["entries", "import", "--dir", "mm", "edited.xlsx", "--replace"]).stdout
        #expect(update.contains("0 added, 1 updated, 5 unchanged, 0 withdrawn"), "\(update)")
        #expect(update.contains("  updated: reinraum-praxis\n"), "\(update)")
        let shown = try cli.succeed(["entries", "show", "--dir", "mm", "reinraum-praxis"]).stdout
        #expect(shown.contains("Reinraum in der Praxis, kompakt"))
    }

    @Test("with locale: de every CSV the node writes is German Excel's, unless --standard-csv; Windows-1252 is read")
    func germanLocale() throws {
        let cli = try CLI()
        try cli.initNode()
        let config = cli.directory.file("mm/config.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        #expect(text.contains("locale: en"))
        try text.replacingOccurrences(of: "locale: en", with: "locale: de").write(
            to: config, atomically: true, encoding: .utf8)
        try cli.succeed(["entries", "import", "--dir", "mm", Fixtures.exampleCatalog("csv").path])

        let excel = try cli.succeed(["export", "--dir", "mm", "--format", "csv"]).stdoutData
        #expect(excel.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: excel, as: UTF8.self).contains("id;type;kind;"))
        let standard = try cli.succeed(["export", "--dir", "mm", "--format", "csv", "--standard-csv"]).stdout
        #expect(standard.hasPrefix("id,type,kind,"))
        let overview = try cli.succeed(["overview", "--dir", "mm", "--format", "csv", "--by", "topic"]).stdoutData
        #expect(overview.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: overview, as: UTF8.self).contains("topic;label;count\r\n"))
        let plain = try cli.succeed(["overview", "--dir", "mm", "--format", "csv", "--by", "topic", "--standard-csv"])
        #expect(plain.stdout.hasPrefix("topic,label,count\r\n"))
        try cli.succeed(["overview", "--dir", "mm", "--format", "csv", "--out", "tables"])
        let region = try Data(contentsOf: cli.directory.file("tables/region.csv"))
        #expect(region.prefix(3) == Data([0xEF, 0xBB, 0xBF]))

        // The Excel export saved again by an old office program, in Windows-1252.
        let legacy = try #require(
            String(decoding: excel.dropFirst(3), as: UTF8.self).data(using: .windowsCP1252, allowLossyConversion: false)
        )
        #expect(String(data: legacy, encoding: .utf8) == nil)
        try legacy.write(to: cli.directory.file("alt.csv"))
        let imported = try cli.succeed(["entries", "import", "--dir", "mm", "alt.csv"]).stdout
        #expect(imported.contains("(read as Windows-1252, since it is not UTF-8)"), "\(imported)")
        #expect(imported.contains("0 added, 0 updated, 5 unchanged"), "\(imported)")
    }
}
