import CatalogCore
import Foundation

/// Turns the rows of a catalog table (a CSV file or a workbook's first sheet) into entries: the
/// first row names the columns (docs/CSV.md), every other row is a training session, the rows of
/// one entry sharing its `id`.
enum TableCatalogReader {
    /// - Parameter rows: each row's number as the spreadsheet shows it, and its cells; the first is
    ///   the header.
    /// - Parameter neutralised: whether cells may be neutralised against formulas, as the node's
    ///   CSV writer does (`'=…`, `'+49 …`): such a cell is read without its `'`. A workbook's text
    ///   cells never need it, so they are read as they are.
    static func read(_ rows: [(number: Int, cells: [String])], name: String, neutralised: Bool) throws
        -> [ParsedEntry]
    {
        guard let header = rows.first else {
            throw ImportFailure(file: name, problems: [ImportProblem(name, "holds no entries")])
        }
        let columns = try headerColumns(header.cells, name: name)

        // Group rows by id, keeping the order of first appearance.
        var groups: [(id: String, rows: [Row])] = []
        var groupIndex: [String: Int] = [:]
        var problems: [ImportProblem] = []
        for (number, cells) in rows.dropFirst() {
            let row = Row(
                number: number,
                cells: Dictionary(
                    zip(columns, cells).compactMap { column, cell in
                        column.map {
                            let text = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                            return ($0, neutralised ? CSVDocument.unneutralised(text) : text)
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
