import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@Suite("overview --from --to: what took place in a period, past sessions included", .serialized)
struct PeriodOverviewCLITests {
    /// Held and cancelled sessions of federated trainings starting in `month`, counted from what
    /// `entries list --json` says the node holds.
    func expected(_ cli: CLI, month: String) throws -> (held: Int, cancelled: Int, trainings: Int) {
        let listed = try #require(try cli.json(["entries", "list", "--dir", "mm"]) as? [[String: Any]])
        var held: [String] = []
        var cancelled = 0
        for view in listed where view["visibility"] as? String != "local" {
            let entry = view["entry"] as? [String: Any]
            for session in entry?["sessions"] as? [[String: Any]] ?? [] {
                guard (session["start"] as? String)?.hasPrefix(month) == true else { continue }
                if session["status"] as? String == "cancelled" {
                    cancelled += 1
                } else {
                    held.append(view["id"] as? String ?? "")
                }
            }
        }
        return (held.count, cancelled, Set(held).count)
    }

    @Test("a past period counts sessions held and cancelled, by field, kind, region and month, in every format")
    func pastPeriod() throws {
        let cli = try CLI()
        try cli.initNode()
        try cli.succeed(["entries", "import", "--dir", "mm", Fixtures.exampleCatalog("csv").path])
        // The March session of the GMP training is called off; October's and February's are held.
        try cli.succeed(["entries", "edit", "--dir", "mm", "gmp-grundlagen-2027", "--cancel-session", "1"])
        let year = try expected(cli, month: "2027")
        #expect(year.held == 2 && year.cancelled == 1 && year.trainings == 2)

        let json = try #require(
            try cli.json(["overview", "--dir", "mm", "--from", "01.01.2027", "--to", "31.12.2027"]) as? [String: Any])
        let period = try #require(json["period"] as? [String: Any])
        #expect(period["from"] as? String == "2027-01-01" && period["to"] as? String == "2027-12-31")
        #expect(period["sessionsHeld"] as? Int == year.held)
        #expect(period["sessionsCancelled"] as? Int == year.cancelled)
        #expect(period["trainings"] as? Int == year.trainings)
        let months = try #require(period["byMonth"] as? [[String: Any]])
        #expect(months.count == 12 && months.first?["key"] as? String == "2027-01")
        let marchRow = try #require(months.first { $0["key"] as? String == "2027-03" })
        #expect(marchRow["held"] as? Int == 0 && marchRow["cancelled"] as? Int == 1)
        let kinds = try #require(period["byKind"] as? [[String: Any]])
        #expect(kinds.first { $0["key"] as? String == "training" }?["held"] as? Int == year.held)
        let topics = try #require(period["byTopic"] as? [[String: Any]])
        #expect(topics.first { $0["key"] as? String == "medtech" }?["held"] as? Int ?? 0 > 0)
        // March alone: one cancelled session and nothing held.
        let march = try #require(
            (try cli.json(["overview", "--dir", "mm", "--from", "2027-03-01", "--to", "2027-03-31"]) as? [String: Any])?[
                "period"] as? [String: Any])
        #expect(march["sessionsHeld"] as? Int == 0 && march["sessionsCancelled"] as? Int == 1)

        let text = try cli.succeed(["overview", "--dir", "mm", "--from", "01.01.2027", "--to", "31.12.2027"]).stdout
        #expect(text.contains("From 2027-01-01 to 2027-12-31: 2 sessions held of 2 trainings, 1 cancelled"), "\(text)")
        let table = try cli.succeed([
            "overview", "--dir", "mm", "--from", "01.01.2027", "--to", "31.12.2027", "--by", "kind",
        ]).stdout
        #expect(table.contains("Training") && table.contains("cancelled"))
        let csv = try cli.succeed([
            "overview", "--dir", "mm", "--from", "01.01.2027", "--to", "31.12.2027", "--by", "month", "--format", "csv",
        ]).stdout
        #expect(csv.hasPrefix("month,label,sessionsHeld,sessionsCancelled,datedOfferings\r\n"))
        #expect(csv.contains("\r\n2027-03,2027-03,0,1,0\r\n") && csv.contains("\r\n2027-10,2027-10,1,0,"), "\(csv)")
        try cli.succeed([
            "overview", "--dir", "mm", "--from", "01.01.2027", "--to", "31.12.2027", "--format", "csv", "--out", "t",
        ])
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.file("t").path)
        #expect(
            Set(files).isSuperset(of: ["period-topic.csv", "period-kind.csv", "period-region.csv", "period-month.csv"]))
        let html = try cli.succeed([
            "overview", "--dir", "mm", "--from", "01.01.2027", "--to", "31.12.2027", "--format", "html",
        ]).stdout
        #expect(html.contains("<section id=\"period\">") && html.contains("Sessions cancelled"))

        #expect(try cli.fail(["overview", "--dir", "mm", "--from", "01.03.2027"]).contains("both --from and --to"))
        #expect(
            try cli.fail(["overview", "--dir", "mm", "--from", "31.03.2027", "--to", "01.03.2027"]).contains(
                "before --from"))
        #expect(
            try cli.fail(["overview", "--dir", "mm", "--from", "01.03.2027", "--to", "31.03.2027", "--by", "origin"])
                .contains("topic, kind, region or month"))
    }
}
