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
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A field as a spreadsheet reads it, and nothing more: a leading `=`, `+`, `-`, `@`, tab or
    /// carriage return (which spreadsheets take for a formula) is neutralised with a leading `'`,
    /// as OWASP's CSV injection advice says; quoted when it holds a comma, a quote or a line break,
    /// quotes doubled. Scalars, not Characters: "\r\n" is one Character.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
