import CatalogCore
import CatalogWire

/// The overview as CSV: one document per table, RFC 4180 (comma separated, CRLF) or in German
/// Excel's form (semicolons, UTF-8 with a byte order mark).
public enum OverviewCSV {
    /// Every table by file name: `region.csv`, ..., `region-topic.csv`, `freshness.csv`.
    public static func files(_ report: OverviewReport, form: CSVDocument.Form = .standard) -> [(
        name: String, text: String
    )] {
        var files = OverviewTable.allCases.map {
            ("\($0.rawValue).csv", table(report.table($0), key: $0.rawValue, form: form))
        }
        files.append(
            (
                "region-topic.csv",
                document(
                    [["region", "topic", "count"]]
                        + report.regionTopic.map { [$0.region, $0.topic, String($0.count)] },
                    form: form)
            ))
        files.append(("freshness.csv", freshness(report.freshness, form: form)))
        if let period = report.period {
            for name in OverviewPeriod.tables {
                files.append(("period-\(name).csv", periodTable(period, name, form: form)))
            }
        }
        return files
    }

    public static func table(_ rows: [OverviewReport.Row], key: String, form: CSVDocument.Form = .standard) -> String {
        document([[key, "label", "count"]] + rows.map { [$0.key, $0.label, String($0.count)] }, form: form)
    }

    /// One of the period's tables: key, label, sessions held, sessions cancelled, dated offerings.
    public static func periodTable(_ period: OverviewPeriod, _ name: String, form: CSVDocument.Form = .standard)
        -> String
    {
        document(OverviewPeriodRender.cells(period, table: name), form: form)
    }

    static func freshness(_ rows: [OverviewReport.Freshness], form: CSVDocument.Form) -> String {
        document(
            [
                [
                    "origin", "displayName", "level", "region", "live", "withdrawn", "newestSeq", "headIssued",
                    "headExpires",
                    "headExpired", "missing", "viaPeer", "refusals", "unverified", "status",
                ]
            ]
                + rows.map {
                    [
                        $0.origin, $0.displayName, $0.level, $0.region, String($0.live), String($0.withdrawn),
                        String($0.newestSeq),
                        $0.headIssued ?? "", $0.headExpires ?? "", String($0.headExpired), String($0.missing),
                        $0.viaPeer ?? "",
                        String($0.refusals), String($0.unverified), $0.status,
                    ]
                }, form: form)
    }

    static func document(_ rows: [[String]], form: CSVDocument.Form) -> String {
        var document = CSVDocument(form: form)
        rows.forEach { document.append($0) }
        return document.text
    }
}
