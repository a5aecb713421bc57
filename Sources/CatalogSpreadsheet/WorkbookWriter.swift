import CatalogCore
import Foundation
import XMLCoder
import ZIPFoundation

/// Writes one sheet as an .xlsx workbook that Excel, LibreOffice and openpyxl open: text as inline
/// strings (never formulas, so nothing in a cell can run), numbers as numbers where reading them
/// back gives the same text, the first row bold and frozen, columns as wide as their content.
/// The bytes depend on the rows alone (fixed timestamps), so the same catalog gives the same file.
public enum WorkbookWriter {
    public static func data(_ sheet: Sheet) throws -> Data {
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
            for (path, text) in try parts(sheet) {
                let bytes = Data(text.utf8)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                    compressionMethod: .deflate,
                    provider: { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) })
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.io, "cannot write the workbook: \(error)")
        }
        guard let data = archive.data else { throw CatalogError(.io, "cannot write the workbook") }
        return data
    }

    /// 1980-01-01, the earliest time a zip entry can carry.
    private static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

    private static func parts(_ sheet: Sheet) throws -> [(String, String)] {
        [
            ("[Content_Types].xml", WorkbookTemplate.contentTypes),
            ("_rels/.rels", WorkbookTemplate.packageRelationships),
            ("xl/workbook.xml", try workbook(name: sheet.name)),
            ("xl/_rels/workbook.xml.rels", WorkbookTemplate.workbookRelationships),
            ("xl/styles.xml", WorkbookTemplate.styles),
            ("xl/worksheets/sheet1.xml", try worksheet(sheet)),
        ]
    }

    private static func workbook(name: String) throws -> String {
        // Excel's rules for a sheet name: at most 31 characters, none of : \ / ? * [ ].
        let safe = String(name.filter { !":\\/?*[]".contains($0) }.prefix(31))
        let document = WorkbookOut(
            sheets: .init(sheet: [.init(name: safe.isEmpty ? "Sheet1" : safe, sheetId: 1, relationship: "rId1")]))
        return try encode(document, root: "workbook")
    }

    private static func worksheet(_ sheet: Sheet) throws -> String {
        let width = sheet.rows.map(\.cells.count).max() ?? 0
        var widths = Array(repeating: 8, count: width)
        var rows: [WorksheetOut.Row] = []
        for row in sheet.rows {
            var cells: [WorksheetOut.Cell] = []
            for (column, text) in row.cells.enumerated() where !text.isEmpty {
                let reference = CellReference.letters(of: column) + String(row.number)
                let longest = text.split(separator: "\n").map(\.count).max() ?? 0
                widths[column] = min(60, max(widths[column], longest + 2))
                cells.append(
                    isNumber(text)
                        ? .init(r: reference, t: nil, s: nil, v: text, inline: nil)
                        : .init(
                            r: reference, t: "inlineStr", s: row.number == 1 ? 1 : nil, v: nil,
                            inline: .init(t: .init(xmlSafe(text)))))
            }
            rows.append(.init(r: row.number, c: cells))
        }
        let document = WorksheetOut(
            sheetViews: .init(sheetView: .init(workbookViewId: 0, pane: sheet.rows.count > 1 ? .frozenHeader : nil)),
            cols: width == 0
                ? nil
                : .init(
                    col: widths.enumerated().map { .init(min: $0.offset + 1, max: $0.offset + 1, width: $0.element) }),
            sheetData: .init(row: rows))
        return try encode(document, root: "worksheet")
    }

    /// The text without the characters XML 1.0 cannot hold (controls other than tab and line
    /// breaks, unpaired surrogates cannot occur in a Swift string, U+FFFE and U+FFFF): a spreadsheet
    /// program refuses a file with them as damaged.
    static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter(isXMLCharacter)))
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Whether the text is a number that reads back as the same text (`8`, `7.5`; not `007`,
    /// `7.50` or `1e3`).
    static func isNumber(_ text: String) -> Bool {
        guard text.count <= 15, text.first?.isNumber == true || text.first == "-",
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
            let number = Double(text)
        else { return false }
        return CellValues.plain(number) == text
    }

    /// The root's namespaces are attributes of the encoded value, not `rootAttributes`: those are a
    /// dictionary, whose order (and so the file's bytes) would change from run to run.
    private static func encode<T: Encodable>(_ value: T, root: String) throws -> String {
        let encoder = XMLEncoder()
        let data = try encoder.encode(
            value, withRootKey: root, header: XMLHeader(version: 1.0, encoding: "UTF-8", standalone: "yes"))
        return String(decoding: data, as: UTF8.self)
    }
}

// What the writer encodes; attributes are marked as such, the rest are elements.

struct WorkbookOut: Encodable, DynamicNodeEncoding {
    let xmlns = WorkbookTemplate.mainNamespace
    let relationshipNamespace = WorkbookTemplate.relationshipNamespace
    struct Sheets: Encodable { let sheet: [Sheet] }
    struct Sheet: Encodable, DynamicNodeEncoding {
        let name: String
        let sheetId: Int
        let relationship: String

        enum CodingKeys: String, CodingKey {
            case name, sheetId
            case relationship = "r:id"
        }
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    let sheets: Sheets

    enum CodingKeys: String, CodingKey {
        case xmlns
        case relationshipNamespace = "xmlns:r"
        case sheets
    }
    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue.hasPrefix("xmlns") ? .attribute : .element
    }
}

struct WorksheetOut: Encodable, DynamicNodeEncoding {
    let xmlns = WorkbookTemplate.mainNamespace
    struct SheetViews: Encodable { let sheetView: SheetView }
    struct SheetView: Encodable, DynamicNodeEncoding {
        let workbookViewId: Int
        let pane: Pane?

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == "pane" ? .element : .attribute
        }
    }
    struct Pane: Encodable, DynamicNodeEncoding {
        let ySplit: Int
        let topLeftCell: String
        let activePane: String
        let state: String

        static let frozenHeader = Pane(ySplit: 1, topLeftCell: "A2", activePane: "bottomLeft", state: "frozen")
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }
    struct Columns: Encodable { let col: [Column] }
    struct Column: Encodable, DynamicNodeEncoding {
        let min: Int
        let max: Int
        let width: Int
        let customWidth = 1

        enum CodingKeys: String, CodingKey { case min, max, width, customWidth }
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }
    struct SheetData: Encodable { let row: [Row] }
    struct Row: Encodable, DynamicNodeEncoding {
        let r: Int
        let c: [Cell]

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == "r" ? .attribute : .element
        }
    }
    struct Cell: Encodable, DynamicNodeEncoding {
        let r: String
        let t: String?
        let s: Int?
        let v: String?
        let inline: InlineString?

        enum CodingKeys: String, CodingKey {
            case r, t, s, v
            case inline = "is"
        }
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            ["r", "t", "s"].contains(key.stringValue) ? .attribute : .element
        }
    }
    struct InlineString: Encodable { let t: Text }
    /// A text kept as it is, blanks at either end included.
    struct Text: Encodable, DynamicNodeEncoding {
        let space = "preserve"
        let value: String

        init(_ value: String) { self.value = value }

        enum CodingKeys: String, CodingKey {
            case space = "xml:space"
            case value = ""
        }
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == "xml:space" ? .attribute : .element
        }
    }

    let sheetViews: SheetViews
    let cols: Columns?
    let sheetData: SheetData

    enum CodingKeys: String, CodingKey { case xmlns, sheetViews, cols, sheetData }
    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue == "xmlns" ? .attribute : .element
    }
}
