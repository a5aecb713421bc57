/// A plain-text table for terminals: columns padded to their widest cell; when the table is too
/// wide, the flexible columns (widest first) are shortened with `…` until it fits.
struct TextTable {
    let columns: [String]
    private(set) var rows: [[String]] = []

    init(columns: [String]) {
        self.columns = columns
    }

    mutating func add(_ row: [String]) {
        rows.append(row.map { $0.replacingOccurrences(of: "\n", with: " ") })
    }

    /// - Parameters:
    ///   - flexible: the columns that may be shortened, down to `minimum` characters each; a table
    ///     that still does not fit is left wider than `maxWidth` rather than cutting more.
    func render(maxWidth: Int, flexible: Set<Int>, minimum: Int = 12) -> String {
        var widths = columns.indices.map { index in
            ([columns[index]] + rows.map { $0[index] }).map(\.count).max() ?? 0
        }
        var excess = widths.reduce(0, +) + 2 * (widths.count - 1) - maxWidth
        while excess > 0 {
            guard let widest = flexible.filter({ widths[$0] > minimum }).max(by: { widths[$0] < widths[$1] }) else {
                break
            }
            widths[widest] -= 1
            excess -= 1
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                var text = cell
                if text.count > widths[index] { text = String(text.prefix(widths[index] - 1)) + "…" }
                return index == cells.count - 1
                    ? text : text + String(repeating: " ", count: widths[index] - text.count)
            }.joined(separator: "  ")
        }
        return ([line(columns)] + rows.map(line)).joined(separator: "\n")
    }

    func render(maxWidth: Int, flexibleColumn: Int) -> String {
        render(maxWidth: maxWidth, flexible: [flexibleColumn])
    }
}
