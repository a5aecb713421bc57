import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@Suite("overview --from --to: what took place in a period, past sessions included", .serialized)
struct PeriodOverviewCLITests {
    /// A training held in March 2026, called off in May 2026 and scheduled for 2030; a members-only
    /// one held in April 2026 (never counted); a fair on 1 June 2026.
    static let catalog = """
        id;type;kind;title_de;topics;regions;session_id;session_start;session_end;session_mode;session_city;session_region;session_status;valid_from;valid_until;visibility
        gmp;training;;GMP-Schulung;medtech|pharma;DE-BW;maerz;10.03.2026 09:00;10.03.2026 17:00;onsite;Ulm;DE-BW;;;;
        gmp;;;;;;mai;12.05.2026 09:00;12.05.2026 17:00;online;;;cancelled;;;
        gmp;;;;;;zukunft;15.01.2030 09:00;15.01.2030 17:00;onsite;München;DE-BY;;;;
        intern;training;;Interne Schulung;medtech;DE-BW;april;14.04.2026 09:00;14.04.2026 12:00;online;;;;;;local
        messe;offering;event;Gemeinschaftsstand;medtech;DE-BW;;;;;;;;01.06.2026;03.06.2026;

        """

    func node() throws -> CLI {
        let cli = try CLI()
        try cli.initNode()
        try Self.catalog.write(to: cli.directory.file("past.csv"), atomically: true, encoding: .utf8)
        try cli.succeed(["entries", "import", "--dir", "mm", "past.csv"])
        return cli
    }

    func period(_ cli: CLI, _ from: String, _ to: String) throws -> [String: Any] {
        let json = try #require(
            try cli.json(["overview", "--dir", "mm", "--from", from, "--to", to]) as? [String: Any])
        return try #require(json["period"] as? [String: Any])
    }

    func row(_ period: [String: Any], _ table: String, _ key: String) -> [String: Any]? {
        (period[table] as? [[String: Any]])?.first { $0["key"] as? String == key }
    }

    @Test("a past year counts sessions held and cancelled and dated offerings, by field, kind, region and month")
    func pastYear() throws {
        let cli = try node()
        let year = try period(cli, "01.01.2026", "31.12.2026")
        #expect(year["from"] as? String == "2026-01-01" && year["to"] as? String == "2026-12-31")
        #expect(year["sessionsHeld"] as? Int == 1 && year["sessionsCancelled"] as? Int == 1)
        #expect(year["sessionsScheduled"] as? Int == 0 && year["trainings"] as? Int == 1)
        #expect(year["offerings"] as? Int == 1)  // the fair; the members-only training never counts
        #expect((year["byMonth"] as? [Any])?.count == 12)
        #expect(row(year, "byMonth", "2026-03")?["held"] as? Int == 1)
        #expect(row(year, "byMonth", "2026-05")?["cancelled"] as? Int == 1)
        #expect(row(year, "byMonth", "2026-06")?["offerings"] as? Int == 1)
        #expect(row(year, "byMonth", "2026-04")?["held"] as? Int == 0)
        #expect(row(year, "byKind", "training")?["held"] as? Int == 1)
        #expect(row(year, "byKind", "event")?["offerings"] as? Int == 1)
        #expect(row(year, "byTopic", "pharma")?["held"] as? Int == 1)
        #expect(row(year, "byTopic", "medtech")?["offerings"] as? Int == 1)
        // The held session was in Ulm; the cancelled one online, so in the entry's region.
        #expect(row(year, "byRegion", "DE-BW")?["held"] as? Int == 1)
        #expect(row(year, "byRegion", "DE-BW")?["cancelled"] as? Int == 1)

        // Over the years to 2030 the future session is still to come, not held.
        let ahead = try period(cli, "2026-01-01", "2030-12-31")
        #expect(ahead["sessionsHeld"] as? Int == 1 && ahead["sessionsScheduled"] as? Int == 1)
        #expect(row(ahead, "byRegion", "DE-BY")?["scheduled"] as? Int == 1)
    }

    @Test("the period in every output format, and its mistakes named")
    func formats() throws {
        let cli = try node()
        let range = ["--from", "01.01.2026", "--to", "31.12.2026"]
        let text = try cli.succeed(["overview", "--dir", "mm"] + range).stdout
        #expect(
            text.contains(
                "From 2026-01-01 to 2026-12-31: 1 sessions held of 1 trainings, 0 still to come, 1 cancelled"),
            "\(text)")
        let table = try cli.succeed(["overview", "--dir", "mm", "--by", "kind"] + range).stdout
        #expect(table.contains("Training") && table.contains("cancelled") && table.contains("Veranstaltung"))
        let csv = try cli.succeed(["overview", "--dir", "mm", "--by", "month", "--format", "csv"] + range).stdout
        #expect(csv.hasPrefix("month,label,sessionsHeld,sessionsScheduled,sessionsCancelled,datedOfferings\r\n"))
        #expect(csv.contains("\r\n2026-03,2026-03,1,0,0,0\r\n") && csv.contains("\r\n2026-05,2026-05,0,0,1,0\r\n"))
        try cli.succeed(["overview", "--dir", "mm", "--format", "csv", "--out", "t"] + range)
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.file("t").path)
        #expect(
            Set(files).isSuperset(of: ["period-topic.csv", "period-kind.csv", "period-region.csv", "period-month.csv"]))
        let html = try cli.succeed(["overview", "--dir", "mm", "--format", "html"] + range).stdout
        #expect(html.contains("<section id=\"period\">") && html.contains("Sessions cancelled"))

        #expect(try cli.fail(["overview", "--dir", "mm", "--from", "01.03.2026"]).contains("both --from and --to"))
        #expect(
            try cli.fail(["overview", "--dir", "mm", "--from", "31.03.2026", "--to", "01.03.2026"]).contains(
                "before --from"))
        #expect(
            try cli.fail(["overview", "--dir", "mm", "--by", "origin"] + range).contains("topic, kind, region or month")
        )
        #expect(
            try cli.fail(["overview", "--dir", "mm", "--from", "31.02.2026", "--to", "01.03.2026"]).contains(
                "not a real date"))
    }
}
