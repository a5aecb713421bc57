import CatalogCore
import Foundation
import XMLCoder

/// Reads the first sheet of an .xlsx workbook (Office Open XML, as Excel, LibreOffice and openpyxl
/// write it) as text cells: shared and inline strings as they are, numbers as a person would type
/// them (`8`, `7.5`), cells formatted as dates as `2027-03-15` or `2027-03-15T09:00`, booleans as
/// `true`/`false`, formulas as the value last computed.
public enum WorkbookReader {
    /// The most rows and columns a sheet may have: far beyond a catalog, far below what would
    /// make an import slow. A cell further right or down is refused, not skipped.
    public static let maxRows = 200_000
    public static let maxColumns = 256
    /// The most cells a sheet may hold, the empty ones before a filled cell counted: a few
    /// kilobytes of rows each with one cell far to the right would otherwise make millions.
    public static let maxCells = 2_000_000

    public static func firstSheet(of data: Data, name: String) throws -> Sheet {
        var archive = try WorkbookArchive(data: data, name: name)
        let workbook: WorkbookXML = try decode(archive.requiredPart("xl/workbook.xml"), "xl/workbook.xml", name)
        guard let first = workbook.sheets?.sheet?.first else {
            throw CatalogError(.invalidInput, "\(name) is not an .xlsx workbook: it has no sheet")
        }
        let sheetPath = try path(of: first, archive: &archive, name: name)
        let strings: [String] =
            try archive.part("xl/sharedStrings.xml").map {
                try decode($0, "xl/sharedStrings.xml", name) as SharedStringsXML
            }.map { ($0.si ?? []).map(\.text) } ?? []
        let dateStyles =
            try archive.part("xl/styles.xml").map {
                DateStyles(try decode($0, "xl/styles.xml", name) as StylesXML)
            } ?? DateStyles()
        let worksheet: WorksheetXML = try decode(archive.requiredPart(sheetPath), sheetPath, name)
        let values = CellValues(strings: strings, dateStyles: dateStyles, date1904: workbook.usesDate1904)
        return Sheet(
            name: first.name ?? "Sheet1",
            rows: try rows(of: worksheet, values: values, name: name))
    }

    /// The first sheet's part, through the workbook's relationships (`worksheets/sheet1.xml` is
    /// relative to `xl/`, `/xl/worksheets/sheet1.xml` to the archive).
    private static func path(of sheet: WorkbookXML.SheetEntry, archive: inout WorkbookArchive, name: String) throws
        -> String
    {
        let relsPath = "xl/_rels/workbook.xml.rels"
        let relationships: RelationshipsXML = try decode(archive.requiredPart(relsPath), relsPath, name)
        guard let id = sheet.relationship,
            let target = relationships.relationships?.first(where: { $0.id == id })?.target
        else {
            throw CatalogError(.invalidInput, "\(name) is not an .xlsx workbook: its first sheet has no part")
        }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    private static func rows(of worksheet: WorksheetXML, values: CellValues, name: String) throws -> [Sheet.Row] {
        var rows: [Sheet.Row] = []
        var previous = 0
        var cellCount = 0
        for row in worksheet.sheetData?.row ?? [] {
            let number = row.r ?? previous + 1
            guard number > previous else {
                throw CatalogError(.invalidInput, "\(name): row \(number) comes after row \(previous)")
            }
            guard number <= maxRows else {
                throw CatalogError(.invalidInput, "\(name) has more than \(maxRows) rows")
            }
            previous = number
            var cells: [String] = []
            for cell in row.c ?? [] {
                let column = cell.r.flatMap(CellReference.column(of:)) ?? cells.count
                guard column < maxColumns else {
                    throw CatalogError(
                        .invalidInput, "\(name): row \(number) has a cell beyond column \(maxColumns)")
                }
                guard column >= cells.count else {
                    throw CatalogError(.invalidInput, "\(name): row \(number) holds cell \(cell.r ?? "") twice")
                }
                cellCount += column - cells.count + 1
                guard cellCount <= maxCells else {
                    throw CatalogError(
                        .invalidInput, "\(name) holds more than \(maxCells) cells; a catalog sheet needs far fewer")
                }
                cells += Array(repeating: "", count: column - cells.count)
                cells.append(try values.text(of: cell, row: number, name: name))
            }
            while cells.last?.isEmpty == true { cells.removeLast() }
            if !cells.isEmpty { rows.append(Sheet.Row(number: number, cells: cells)) }
        }
        return rows
    }

    private static func decode<T: Decodable>(_ data: Data, _ part: String, _ name: String) throws -> T {
        let decoder = XMLDecoder()
        decoder.trimValueWhitespaces = false
        decoder.removeWhitespaceElements = true
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            let reason = DecodingErrorText.describe(error)
            throw CatalogError(
                .invalidInput,
                "\(name) is not an .xlsx workbook: \(part) is not readable XML (\(SafeText.excerpt(reason, limit: 160)))"
            )
        }
    }
}
