import CatalogWire

/// The overview as terminal tables that fit 100 columns.
public enum OverviewText {
    /// The period's table `name` (topic, kind, region, month) alone, for `overview --by` with a period.
    public static func period(_ period: OverviewPeriod, only name: String) -> String {
        OverviewPeriodRender.text(period, only: name)
    }

    public static func render(_ report: OverviewReport, only table: OverviewTable? = nil) -> String {
        var sections: [String] = []
        if table == nil {
            sections.append(
                "Overview of \(report.node), \(report.generated): \(report.entries) entries "
                    + "(\(report.offerings) offerings, \(report.trainings) trainings)")
        }
        for name in table.map({ [$0] }) ?? OverviewTable.allCases {
            sections.append(bars(name.title, report.table(name)))
        }
        if table == nil, let period = report.period { sections.append(OverviewPeriodRender.text(period)) }
        if table == nil {
            sections.append(freshness(report.freshness))
            if !report.refusalsByPeer.isEmpty {
                sections.append(
                    bars("Refusals by peer (envelopes and statements refused, ever)", report.refusalsByPeer))
            }
        }
        return sections.joined(separator: "\n\n")
    }

    /// A table with a bar per row, scaled to the largest count.
    static func bars(_ title: String, _ rows: [OverviewReport.Row]) -> String {
        guard !rows.isEmpty else { return "\(title)\n  (none)" }
        let labelWidth = min(40, rows.map { $0.label.count }.max() ?? 0)
        let countWidth = String(rows.map(\.count).max() ?? 0).count
        let maximum = max(1, rows.map(\.count).max() ?? 1)
        let barWidth = max(10, 100 - labelWidth - countWidth - 6)
        var lines = [title]
        for row in rows {
            var label = row.label
            if label.count > labelWidth { label = String(label.prefix(labelWidth - 1)) + "…" }
            let count = String(row.count)
            let bar = String(repeating: "█", count: row.count == 0 ? 0 : max(1, row.count * barWidth / maximum))
            lines.append(
                "  " + label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  "
                    + String(repeating: " ", count: countWidth - count.count) + count + "  " + bar)
        }
        return lines.joined(separator: "\n")
    }

    public static func freshness(_ rows: [OverviewReport.Freshness]) -> String {
        var lines = ["Catalogs: freshness and completeness"]
        let header = ["ORIGIN", "LEVEL", "REGION", "LIVE", "SEQ", "HEAD ISSUED", "MISSING", "VIA", "STATUS"]
        var table = [header]
        for row in rows {
            table.append([
                String(row.origin.prefix(24)), row.level, row.region, String(row.live), String(row.newestSeq),
                row.headIssued.map { String($0.prefix(10)) } ?? "-", String(row.missing),
                String((row.viaPeer ?? "-").prefix(14)),
                row.status == "ok" ? "ok" : row.status.uppercased(),
            ])
        }
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        for cells in table {
            lines.append(
                "  "
                    + cells.enumerated().map { index, cell in
                        cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    }
                    .joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
