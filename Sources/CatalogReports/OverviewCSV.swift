import CatalogCore
import CatalogWire

/// The overview as CSV (RFC 4180, comma separated, CRLF): one document per table.
public enum OverviewCSV {
    /// Every table by file name: `region.csv`, ..., `region-topic.csv`, `freshness.csv`.
    public static func files(_ report: OverviewReport) -> [(name: String, text: String)] {
        var files = OverviewTable.allCases.map { ("\($0.rawValue).csv", table(report.table($0), key: $0.rawValue)) }
        files.append(
            (
                "region-topic.csv",
                document(
                    [["region", "topic", "count"]] + report.regionTopic.map { [$0.region, $0.topic, String($0.count)] })
            ))
        files.append(("freshness.csv", freshness(report.freshness)))
        return files
    }

    public static func table(_ rows: [OverviewReport.Row], key: String) -> String {
        document([[key, "label", "count"]] + rows.map { [$0.key, $0.label, String($0.count)] })
    }

    static func freshness(_ rows: [OverviewReport.Freshness]) -> String {
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
                })
    }

    static func document(_ rows: [[String]]) -> String {
        var document = CSVDocument()
        rows.forEach { document.append($0) }
        return document.text
    }
}
