import CatalogCore
import CatalogWire

/// The period section of the overview (`overview --from … --to …`) in each of its forms.
enum OverviewPeriodRender {
    static let titles = [
        "topic": "by technology field", "kind": "by kind", "region": "by region", "month": "by month",
    ]

    /// The header and the rows of one of the period's tables.
    static func cells(_ period: OverviewPeriod, table: String) -> [[String]] {
        [[table, "label", "sessionsHeld", "sessionsScheduled", "sessionsCancelled", "datedOfferings"]]
            + period.table(table).map {
                [$0.key, $0.label, String($0.held), String($0.scheduled), String($0.cancelled), String($0.offerings)]
            }
    }

    static func summary(_ period: OverviewPeriod) -> String {
        "From \(period.from) to \(period.to): \(period.sessionsHeld) sessions held of \(period.trainings) trainings, "
            + "\(period.sessionsScheduled) still to come, \(period.sessionsCancelled) cancelled, "
            + "\(period.offerings) dated offerings (events, fairs, studies...)"
    }

    /// Terminal tables: one line per key with its three counts.
    static func text(_ period: OverviewPeriod, only table: String? = nil) -> String {
        var sections = table == nil ? [summary(period)] : []
        for name in table.map({ [$0] }) ?? OverviewPeriod.tables {
            let rows = period.table(name)
            let width = min(40, max(5, rows.map(\.label.count).max() ?? 0))
            var lines = [
                "Held \(titles[name] ?? name)",
                "  " + "".padding(toLength: width, withPad: " ", startingAt: 0) + pad("held", 8) + pad("to come", 9)
                    + pad("cancelled", 11) + pad("offerings", 11),
            ]
            if rows.isEmpty { lines.append("  (none)") }
            for row in rows {
                let label = row.label.count > width ? String(row.label.prefix(width - 1)) + "…" : row.label
                lines.append(
                    "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + pad(String(row.held), 8)
                        + pad(String(row.scheduled), 9) + pad(String(row.cancelled), 11)
                        + pad(String(row.offerings), 11))
            }
            sections.append(lines.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(1, width - text.count)) + text
    }

    static func html(_ period: OverviewPeriod) -> String {
        var html =
            "<section id=\"period\"><h2>\(HTMLText.escape("Held from \(period.from) to \(period.to)"))</h2>"
            + "<p>\(HTMLText.escape(summary(period)))</p>"
        for name in OverviewPeriod.tables {
            let cells = cells(period, table: name)
            html +=
                "<h3>\(HTMLText.escape(titles[name] ?? name))</h3>"
                + OverviewHTML.htmlTable(
                    ["Key", "Name", "Sessions held", "Sessions to come", "Sessions cancelled", "Dated offerings"],
                    Array(cells.dropFirst()))
        }
        return html + "</section>"
    }
}
