import XMLCoder

// The parts of SpreadsheetML (ECMA-376) a workbook of rows and text needs, as XMLCoder decodes
// them. Attributes and elements share names only where the standard makes them; anything else
// a spreadsheet program writes (formulas, comments, formatting runs) is ignored.

/// `xl/workbook.xml`: the sheets in their order, and the date system.
struct WorkbookXML: Decodable {
    struct Properties: Decodable { let date1904: String? }
    struct Sheets: Decodable { let sheet: [SheetEntry]? }
    struct SheetEntry: Decodable {
        let name: String?
        let relationship: String?

        enum CodingKeys: String, CodingKey {
            case name
            case relationship = "r:id"
        }
    }

    let workbookPr: Properties?
    let sheets: Sheets?

    var usesDate1904: Bool { ["1", "true"].contains(workbookPr?.date1904?.lowercased() ?? "") }
}

/// `xl/_rels/workbook.xml.rels`: where each sheet's part is.
struct RelationshipsXML: Decodable {
    struct Relationship: Decodable {
        let id: String?
        let target: String?

        enum CodingKeys: String, CodingKey {
            case id = "Id"
            case target = "Target"
        }
    }

    let relationships: [Relationship]?

    enum CodingKeys: String, CodingKey { case relationships = "Relationship" }
}

/// A text run's `<t>`: its text, blanks kept (`xml:space="preserve"`).
struct TextXML: Decodable {
    let value: String?

    enum CodingKeys: String, CodingKey { case value = "" }
}

/// A string item: plain (`<t>`) or in formatted runs (`<r><t>`), phonetic hints left out.
struct StringItemXML: Decodable {
    struct Run: Decodable { let t: TextXML? }

    let t: TextXML?
    let r: [Run]?

    var text: String { (t?.value ?? "") + (r ?? []).map { $0.t?.value ?? "" }.joined() }
}

/// `xl/sharedStrings.xml`.
struct SharedStringsXML: Decodable {
    let si: [StringItemXML]?
}

/// `xl/styles.xml`: which cell formats show numbers as dates.
struct StylesXML: Decodable {
    struct NumberFormats: Decodable { let numFmt: [NumberFormat]? }
    struct NumberFormat: Decodable {
        let numFmtId: Int?
        let formatCode: String?
    }
    struct CellFormats: Decodable { let xf: [CellFormat]? }
    struct CellFormat: Decodable { let numFmtId: Int? }

    let numFmts: NumberFormats?
    let cellXfs: CellFormats?
}

/// A worksheet part: its rows and their cells.
struct WorksheetXML: Decodable {
    struct SheetData: Decodable { let row: [Row]? }
    struct Row: Decodable {
        let r: Int?
        let c: [Cell]?
    }
    struct Cell: Decodable {
        /// The reference, `C7`.
        let r: String?
        /// The type: `s` shared string, `inlineStr`, `str` formula text, `b`, `e`, `d`, `n`.
        let t: String?
        /// The cell format's index in `cellXfs`.
        let s: Int?
        let v: String?
        let inline: StringItemXML?

        enum CodingKeys: String, CodingKey {
            case r, t, s, v
            case inline = "is"
        }
    }

    let sheetData: SheetData?
}
