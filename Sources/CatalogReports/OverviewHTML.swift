import CatalogWire

/// The overview as one self-contained HTML page: inline CSS and SVG bar charts, the tables, the
/// freshness table, and when it was generated. No script, font or image is loaded from anywhere.
public enum OverviewHTML {
    public static func render(_ report: OverviewReport) -> String {
        var body = """
            <h1>Cluster Exchange: overview of \(HTMLText.escape(report.node))</h1>
            <p class="meta">Generated \(HTMLText.escape(report.generated)) · \(report.entries) entries \
            (\(report.offerings) offerings, \(report.trainings) trainings)\
            \(report.includePast ? " · past sessions included" : " · past sessions excluded")</p>
            """
        for table in OverviewTable.allCases {
            let rows = report.table(table)
            body += "<section id=\"\(table.rawValue)\"><h2>\(HTMLText.escape(table.title))</h2>"
            body += SVGBarChart(title: table.title, rows: rows).render()
            body +=
                "<details><summary>Table</summary>"
                + htmlTable(["Key", "Name", "Count"], rows.map { [$0.key, $0.label, String($0.count)] })
            body += "</details></section>"
        }
        if let period = report.period { body += OverviewPeriodRender.html(period) }
        body +=
            "<section id=\"region-topic\"><h2>Regions × technology fields</h2><div class=\"wide\">" + crossTable(report)
            + "</div></section>"
        body +=
            "<section id=\"freshness\"><h2>Catalogs: freshness and completeness</h2>" + freshness(report.freshness)
            + "</section>"
        if !report.refusalsByPeer.isEmpty {
            body +=
                "<section id=\"refusals\"><h2>Refusals by peer</h2>"
                + htmlTable(
                    ["Peer", "Refused envelopes and statements"],
                    report.refusalsByPeer.map { [$0.label, String($0.count)] })
                + "</section>"
        }
        return """
            <!DOCTYPE html>
            <html lang="de"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Cluster Exchange overview: \(HTMLText.escape(report.node))</title>
            <style>
            body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #1d232a; }
            h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; } h3 { font-size: 15px; }
            .meta { color: #55606e; }
            .wide { overflow-x: auto; }
            table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
            th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; }
            td.n { text-align: right; }
            svg.chart text { font-size: 12px; fill: #1d232a; }
            tr.stale td, tr.absent td { background: #fff1e5; }
            tr.incomplete td, tr.differs td, tr.unverified td, tr.untrusted td { background: #ffebe9; }
            </style></head>
            <body>\(body)</body></html>

            """
    }

    static func htmlTable(_ header: [String], _ rows: [[String]], classes: [String]? = nil) -> String {
        var html =
            "<table><thead><tr>" + header.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for (index, row) in rows.enumerated() {
            let rowClass = classes.map { " class=\"\($0[index])\"" } ?? ""
            html +=
                "<tr\(rowClass)>"
                + row.map { cell in
                    let numeric = !cell.isEmpty && cell.allSatisfy(\.isNumber)
                    return "<td\(numeric ? " class=\"n\"" : "")>\(HTMLText.escape(cell))</td>"
                }.joined() + "</tr>"
        }
        return html + "</tbody></table>"
    }

    static func crossTable(_ report: OverviewReport) -> String {
        let regions = Array(Set(report.regionTopic.map(\.region))).sorted()
        let topics = Array(Set(report.regionTopic.map(\.topic))).sorted()
        guard !regions.isEmpty else { return "<p>No entries.</p>" }
        var counts: [String: Int] = [:]
        for cell in report.regionTopic { counts["\(cell.region)|\(cell.topic)"] = cell.count }
        return htmlTable(
            ["Region"] + topics,
            regions.map { region in
                [region] + topics.map { topic in counts["\(region)|\(topic)"].map(String.init) ?? "" }
            })
    }

    static func freshness(_ rows: [OverviewReport.Freshness]) -> String {
        htmlTable(
            [
                "Origin", "Name", "Level", "Region", "Live", "Withdrawn", "Newest seq", "Head issued", "Head expires",
                "Missing",
                "Via", "Refusals", "Unverified", "Status",
            ],
            rows.map {
                [
                    $0.origin, $0.displayName, $0.level, $0.region, String($0.live), String($0.withdrawn),
                    String($0.newestSeq),
                    $0.headIssued ?? "–", $0.headExpires ?? "–", String($0.missing), $0.viaPeer ?? "–",
                    String($0.refusals), String($0.unverified), $0.status,
                ]
            },
            classes: rows.map(\.status))
    }
}
