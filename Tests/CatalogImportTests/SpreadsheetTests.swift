import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogImport
@testable import CatalogSpreadsheet

@Suite("Catalogs as .xlsx workbooks and as Windows-1252 CSV")
struct SpreadsheetTests {
    let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/xlsx.py").path

    struct ReadBack: Decodable {
        let title: String
        let frozen: String?
        let boldHeader: Bool
        let types: [String]
        let rows: [[String]]

        enum CodingKeys: String, CodingKey {
            case title, frozen, types, rows
            case boldHeader = "bold_header"
        }
    }

    @Test("openpyxl reads the workbook the node writes as exactly the CSV export's cells")
    func openpyxlReadsOurs() throws {
        let entries = try CatalogImporter.read(file: Fixtures.exampleCatalog("csv"))
        let workbook = try CSVCatalogWriter.workbook(entries)
        #expect(workbook.losses.isEmpty)
        let directory = try TemporaryDirectory("xlsx")
        defer { directory.remove() }
        let file = directory.file("katalog.xlsx")
        try workbook.data.write(to: file)
        try Tool.requirePython(module: "openpyxl")
        let read = try Shell.run("python3", [script, "read", file.path])
        #expect(read.status == 0, "\(read.stderr)")
        let back = try JSONDecoder().decode(ReadBack.self, from: read.stdoutData)
        let expected = CSVCatalogWriter.rows(entries, form: .standard).rows
        #expect(back.rows == expected)
        #expect(back.rows.count == 1 + entries.map { max(1, $0.sessions.count) }.reduce(0, +))
        #expect(back.title == "Katalog" && back.frozen == "A2" && back.boldHeader)
        // Seats and postal codes are numbers; nothing is a formula.
        #expect(back.types.contains("int") && back.types.contains("str"), "\(back.types)")
        // The same entries, read by the node itself; the same bytes for the same catalog.
        #expect(try CatalogImporter.read(workbook.data, format: .xlsx, name: "katalog.xlsx") == entries)
        for _ in 1...5 { #expect(try CSVCatalogWriter.workbook(entries).data == workbook.data) }
    }

    @Test("a workbook openpyxl writes, with shared strings, real dates, numbers and booleans, reads as its CSV does")
    func oursReadsOpenpyxl() throws {
        let entries = try CatalogImporter.read(file: Fixtures.exampleCatalog("csv"))
        let rows = CSVCatalogWriter.rows(entries, form: .standard).rows
        let directory = try TemporaryDirectory("xlsx")
        defer { directory.remove() }
        let file = directory.file("office.xlsx")
        try Tool.requirePython(module: "openpyxl")
        let write = try Shell.run("python3", [script, "write", file.path], input: try JSONEncoder().encode(rows))
        #expect(write.status == 0, "\(write.stderr)")
        let sheet = try WorkbookReader.firstSheet(of: try Data(contentsOf: file), name: "office.xlsx")
        #expect(sheet.name == "Kurse")
        // Every cell as typed; trailing empty cells are not kept.
        #expect(sheet.rows.map(\.cells) == rows.map { Array($0.reversed().drop(while: \.isEmpty).reversed()) })
        #expect(try CatalogImporter.read(file: file) == entries)
    }

    @Test("date serials in both date systems, with and without a time of day")
    func dates() {
        #expect(ExcelDate.text(serial: 46461, date1904: false) == "2027-03-15")
        #expect(ExcelDate.text(serial: 44999, date1904: true) == "2027-03-15")
        #expect(ExcelDate.text(serial: 46461.375, date1904: false) == "2027-03-15T09:00")
        #expect(ExcelDate.text(serial: 46461.99999, date1904: false) == "2027-03-16")
        #expect(ExcelDate.text(serial: 1, date1904: false) == "1900-01-01")
        #expect(ExcelDate.text(serial: 61, date1904: false) == "1900-03-01")
        #expect(ExcelDate.text(serial: 60, date1904: false) == nil)
        #expect(ExcelDate.text(serial: -1, date1904: false) == nil)
        #expect(DateStyles.isDateCode("DD.MM.YYYY HH:MM") && DateStyles.isDateCode("[$-407]d. mmmm yyyy"))
        #expect(!DateStyles.isDateCode("#,##0.00 \"days\"") && !DateStyles.isDateCode("[Red]0.00"))
        #expect(CellReference.column(of: "AA10") == 26 && CellReference.letters(of: 26) == "AA")
        #expect(CellReference.letters(of: 38) == "AM" && CellReference.column(of: "AM2") == 38)
    }

    @Test("prices typed either way, and text XML cannot hold")
    func pricesAndText() throws {
        #expect(try FieldText.price("1,250.00 EUR") == Price(amount: "1250.00", currency: "EUR"))
        #expect(try FieldText.price("1.250,00 €") == Price(amount: "1250.00", currency: "EUR"))
        #expect(try FieldText.price("1.250 €") == Price(amount: "1250", currency: "EUR"))
        #expect(try FieldText.price("12,5") == Price(amount: "12.5", currency: "EUR"))
        #expect(WorkbookWriter.xmlSafe("a\u{7}b\u{FFFE}c\nd") == "abc\nd")
        #expect(WorkbookWriter.xmlSafe("Grüße – ok") == "Grüße – ok")
    }

    @Test("numbers are written as numbers only where they read back as the same text")
    func numbers() {
        #expect(WorkbookWriter.isNumber("8") && WorkbookWriter.isNumber("7.5") && WorkbookWriter.isNumber("-3"))
        for text in ["007", "7.50", "1e3", "1.250", "+49 7461", "78532 ", "12345678901234567", ""] where text != "1.250"
        {
            #expect(!WorkbookWriter.isNumber(text), "\(text)")
        }
    }

    /// A zip archive written by Python's standard library, for workbooks a spreadsheet program
    /// would never write.
    func zip(_ parts: [String: String], in directory: TemporaryDirectory) throws -> Data {
        let file = directory.file("hostile.xlsx")
        let program = """
            import json, sys, zipfile
            parts = json.load(sys.stdin)
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
                for name, text in parts.items():
                    if text.startswith("ZEROS:"):
                        archive.writestr(name, b"0" * int(text[6:]))
                    else:
                        archive.writestr(name, text)
            """
        let run = try Shell.run("python3", ["-c", program, file.path], input: try JSONEncoder().encode(parts))
        #expect(run.status == 0, "\(run.stderr)")
        return try Data(contentsOf: file)
    }

    static let workbookXML = """
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    static let relsXML = """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>
        """

    func sheet(_ rows: String) -> [String: String] {
        [
            "xl/workbook.xml": Self.workbookXML, "xl/_rels/workbook.xml.rels": Self.relsXML,
            "xl/worksheets/sheet1.xml": "<worksheet><sheetData>\(rows)</sheetData></worksheet>",
        ]
    }

    @Test("hostile workbooks are refused with a line that says why, before they fill memory")
    func hostileWorkbooks() throws {
        let directory = try TemporaryDirectory("xlsx")
        defer { directory.remove() }
        func refusal(_ data: Data) -> String {
            do {
                _ = try WorkbookReader.firstSheet(of: data, name: "bad.xlsx")
                return "read"
            } catch let error as CatalogError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(Data("id,type\n".utf8)).contains("not a zip archive"))
        #expect(refusal(try zip(["a.txt": "x"], in: directory)).contains("has no xl/workbook.xml"))
        // 80 MB of zeros deflate to about 80 KB; they are refused after 10 MB.
        var bomb = sheet("")
        bomb["xl/worksheets/sheet1.xml"] = "ZEROS:\(80 * 1024 * 1024)"
        #expect(refusal(try zip(bomb, in: directory)).contains("inflates to more than 10 MB of XML"))
        #expect(
            refusal(try zip(sheet("<row r=\"1\"><c r=\"ZZZ1\"><v>1</v></c></row>"), in: directory))
                .contains("beyond column 256"))
        #expect(
            refusal(try zip(sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>"), in: directory))
                .contains("shared string 7"))
        #expect(refusal(try zip(sheet("<row r=\"5\"/><row r=\"2\"/>"), in: directory)).contains("after row 5"))
        #expect(
            refusal(try zip(sheet("<row r=\"9999999\"><c><v>1</v></c></row>"), in: directory))
                .contains("more than 200000 rows"))
        #expect(refusal(try zip(sheet("<row><c>"), in: directory)).contains("not readable XML"))
        // Kilobytes of rows, each with one cell far right, would make millions of empty cells.
        let wide = (1...8_000).map { "<row r=\"\($0)\"><c r=\"IV\($0)\"><v>1</v></c></row>" }.joined()
        #expect(refusal(try zip(sheet(wide), in: directory)).contains("more than 2000000 cells"))
        // A reference of many letters (an Int overflow once) is read as the next column.
        let long = try WorkbookReader.firstSheet(
            of: try zip(sheet("<row r=\"1\"><c r=\"AAAAAAAAAAAAAAAA1\"><v>4</v></c></row>"), in: directory),
            name: "long.xlsx")
        #expect(long.rows == [.init(number: 1, cells: ["4"])])
        // An external entity is not fetched: the document is refused or the entity left empty.
        var entity = sheet("")
        entity["xl/worksheets/sheet1.xml"] =
            "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&x;</t></is></c></row>"
            + "</sheetData></worksheet>"
        if let sheet = try? WorkbookReader.firstSheet(of: try zip(entity, in: directory), name: "x.xlsx") {
            #expect(!sheet.rows.flatMap(\.cells).joined().contains("root:"))
        }
        // Inline strings, rich text runs, blanks kept, gaps filled.
        let good = try WorkbookReader.firstSheet(
            of: try zip(
                sheet(
                    "<row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><r><t>GMP-</t></r><r><t xml:space=\"preserve\">Kurs </t></r></is></c>"
                        + "<c r=\"D1\" t=\"b\"><v>1</v></c></row><row r=\"3\"><c r=\"A3\"><v>7.5</v></c>"
                        + "<c r=\"B3\"><v>0.30000000000000004</v></c></row>"),
                in: directory), name: "good.xlsx")
        #expect(
            good.rows == [
                .init(number: 1, cells: ["", "GMP-Kurs ", "", "true"]), .init(number: 3, cells: ["7.5", "0.3"]),
            ])
    }

    @Test("a CSV saved in Windows-1252 is read so, and the import says so")
    func windows1252() throws {
        let text =
            "id;type;title_de;topics;price;organizer\r\nschulung;training;Schulung für Anfänger – „Praxis“;medtech;1.250 €;Müller & Söhne\r\n"
        var bytes: [UInt8] = []
        let table: [Character: UInt8] = ["ü": 0xFC, "ä": 0xE4, "ö": 0xF6, "–": 0x96, "„": 0x84, "“": 0x93, "€": 0x80]
        for character in text {
            if let byte = table[character] { bytes.append(byte) } else { bytes += Array(String(character).utf8) }
        }
        #expect(String(data: Data(bytes), encoding: .utf8) == nil)
        let imported = try CatalogImporter.load(Data(bytes), format: .csv, name: "alt.csv")
        let entry = try #require(imported.entries.first)
        #expect(entry.title["de"] == "Schulung für Anfänger – „Praxis“")
        #expect(entry.organizer == "Müller & Söhne")
        #expect(entry.price == Price(amount: "1250.00", currency: "EUR"))
        #expect(imported.encodingNote?.contains("Windows-1252") == true)
        // UTF-8 is read as UTF-8 and not remarked on.
        #expect(try CatalogImporter.load(Data(text.utf8), format: .csv, name: "neu.csv").encodingNote == nil)
    }
}
