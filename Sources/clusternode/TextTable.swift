/// A plain-text table for terminals: columns padded to their widest cell, one flexible column
/// shortened with `…` so the table fits the width.
struct TextTable {
    let columns: [String]
    private(set) var rows: [[String]] = []

    init(columns: [String]) {
        self.columns = columns
    }

    mutating func add(_ row: [String]) {
        rows.append(row.map { $0.replacingOccurrences(of: "\n", with: " ") })
    }

    func render(maxWidth: Int, flexibleColumn: Int) -> String {
        var widths = columns.indices.map { index in
            ([columns[index]] + rows.map { $0[index] }).map(\.count).max() ?? 0
        }
        let total = widths.reduce(0, +) + 2 * (widths.count - 1)
        if total > maxWidth {
            widths[flexibleColumn] = max(8, widths[flexibleColumn] - (total - maxWidth))
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
}
