import CatalogCore
import Foundation
import SwiftCSV

/// Reads the CSV a cluster office keeps in a spreadsheet: comma or semicolon separated (German
/// exports use `;`), one row per training session, the rows of one entry sharing its `id`.
/// Rows are numbered as the spreadsheet shows them: the header is row 1. A cell the node's own
/// writer neutralised against formulas (`'=…`, `'+49 …`) is read without its `'`.
enum CSVCatalogReader {
    static func read(_ text: String, name: String) throws -> [ParsedEntry] {
        let csv: CSV<Enumerated>
        do {
            csv = try CSV<Enumerated>(string: text, delimiter: delimiter(of: text), loadColumns: false)
        } catch {
            throw ImportFailure(file: name, problems: [ImportProblem(name, "not readable as CSV: \(error)")])
        }
        let columns = try headerColumns(csv.header, name: name)

        // Group rows by id, keeping the order of first appearance.
        var groups: [(id: String, rows: [Row])] = []
        var groupIndex: [String: Int] = [:]
        var problems: [ImportProblem] = []
        for (offset, cells) in csv.rows.enumerated() {
            let row = Row(
                number: offset + 2,
                cells: Dictionary(
                    zip(columns, cells).compactMap { column, cell in
                        column.map {
                            ($0, CSVDocument.unneutralised(cell.trimmingCharacters(in: .whitespacesAndNewlines)))
                        }
                    }, uniquingKeysWith: { first, _ in first }))
            if row.cells.values.allSatisfy(\.isEmpty) { continue }
            guard let id = row[.id] else {
                problems.append(ImportProblem("row \(row.number)", "id: missing"))
                continue
            }
            if let index = groupIndex[id] {
                groups[index].rows.append(row)
            } else {
                groupIndex[id] = groups.count
                groups.append((id, [row]))
            }
        }
        let parsed = groups.map { EntryRows(rows: $0.rows).parsed() }
        return problems.map { problem in
            ParsedEntry(entry: nil, problems: [problem], location: { _ in problem.location })
        }
            + parsed
    }

    /// `;` when the header line has more semicolons than commas, else `,`.
    static func delimiter(of text: String) -> CSVDelimiter {
        let header = text.prefix { $0 != "\n" && $0 != "\r" }
        let semicolons = header.filter { $0 == ";" }.count
        let commas = header.filter { $0 == "," }.count
        if header.contains("\t") && semicolons == 0 && commas == 0 { return .tab }
        return semicolons > commas ? .semicolon : .comma
    }

    private static func headerColumns(_ header: [String], name: String) throws -> [CSVColumn?] {
        var problems: [ImportProblem] = []
        var seen: Set<CSVColumn> = []
        let columns: [CSVColumn?] = header.enumerated().map { index, cell in
            let trimmed = cell.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            guard let column = CSVColumn(header: trimmed) else {
                problems.append(
                    ImportProblem("row 1", "column '\(trimmed)' is not known; see docs/CSV.md for the columns"))
                return nil
            }
            if !seen.insert(column).inserted {
                problems.append(ImportProblem("row 1", "column '\(trimmed)' appears twice"))
            }
            return column
        }
        if !seen.contains(.id) { problems.append(ImportProblem("row 1", "needs an 'id' column")) }
        if !seen.contains(.type) { problems.append(ImportProblem("row 1", "needs a 'type' column")) }
        if !seen.contains(.titleDE) && !seen.contains(.titleEN) {
            problems.append(ImportProblem("row 1", "needs a 'title_de' or 'title_en' column"))
        }
        guard problems.isEmpty else { throw ImportFailure(file: name, problems: problems) }
        return columns
    }

    struct Row {
        let number: Int
        let cells: [CSVColumn: String]

        /// The cell's text, or nil when it is empty.
        subscript(column: CSVColumn) -> String? {
            guard let value = cells[column], !value.isEmpty else { return nil }
            return value
        }
    }
}
