import CatalogWire

/// A horizontal bar chart as inline SVG, with no script and no external asset.
struct SVGBarChart {
    let title: String
    let rows: [OverviewReport.Row]
    /// The bars' colour; the screenshot test looks for it.
    static let barColor = "#1f6feb"

    func render() -> String {
        let rowHeight = 22
        let labelWidth = 300
        let chartWidth = 560
        let height = max(1, rows.count) * rowHeight + 10
        let maximum = max(1, rows.map(\.count).max() ?? 1)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="\(labelWidth + chartWidth + 60)" \
            height="\(height)" aria-label="\(HTMLText.escape(title))">
            """
        if rows.isEmpty {
            svg += "<text x=\"0\" y=\"16\" class=\"empty\">no entries</text>"
        }
        for (index, row) in rows.enumerated() {
            let y = index * rowHeight + 4
            let width = row.count == 0 ? 0 : max(2, row.count * chartWidth / maximum)
            let label = row.label.count > 44 ? String(row.label.prefix(43)) + "…" : row.label
            svg += """
                <text x="\(labelWidth - 8)" y="\(y + 14)" text-anchor="end">\(HTMLText.escape(label))</text>\
                <rect class="bar" x="\(labelWidth)" y="\(y)" width="\(width)" height="\(rowHeight - 6)" fill="\(Self.barColor)">\
                <title>\(HTMLText.escape(row.label)): \(row.count)</title></rect>\
                <text x="\(labelWidth + width + 6)" y="\(y + 14)">\(row.count)</text>
                """
        }
        return svg + "</svg>"
    }
}
