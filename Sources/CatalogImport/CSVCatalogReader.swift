import CatalogCore
import Foundation
import SwiftCSV

/// Reads the CSV a cluster office keeps in a spreadsheet: comma or semicolon separated (German
/// exports use `;`), tab separated (Excel's "Unicode text"), into the rows `TableCatalogReader`
/// turns into entries. Rows are numbered as the spreadsheet shows them: the header is row 1.
enum CSVCatalogReader {
    static func read(_ text: String, name: String) throws -> [ParsedEntry] {
        let csv: CSV<Enumerated>
        do {
            csv = try CSV<Enumerated>(string: text, delimiter: delimiter(of: text), loadColumns: false)
        } catch {
            throw ImportFailure(file: name, problems: [ImportProblem(name, "not readable as CSV: \(error)")])
        }
        let rows = [(1, csv.header)] + csv.rows.enumerated().map { ($0.offset + 2, $0.element) }
        return try TableCatalogReader.read(rows, name: name, neutralised: true)
    }

    /// `;` when the header line has more semicolons than commas, else `,`.
    static func delimiter(of text: String) -> CSVDelimiter {
        let header = text.prefix { $0 != "\n" && $0 != "\r" }
        let semicolons = header.filter { $0 == ";" }.count
        let commas = header.filter { $0 == "," }.count
        if header.contains("\t") && semicolons == 0 && commas == 0 { return .tab }
        return semicolons > commas ? .semicolon : .comma
    }
}
