import ArgumentParser
import CatalogCore
import CatalogReports
import Foundation

struct OverviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "What the federation offers: by region, technology field, origin, kind, level and month.",
        discussion: """
            Counts every federated entry the node holds (withdrawn entries never, trainings whose sessions are
            over only with --include-past), the cross table of regions and technology fields, and a row per
            origin saying how fresh and complete its catalog is: stale (its signed head expired), incomplete
            (entries missing against its head), differs (as many entries as its head counts, but not the ones
            it lists), absent (trusted, but nothing arrived).
            Formats: table (terminal), json, csv (with --out DIR one file per table, or --by for one table),
            html (one self-contained page with bar charts). CSV is in German Excel's form (semicolons, UTF-8
            with a byte order mark) with --excel, or when config.yaml says `locale: de` (--standard-csv then
            asks for commas).
            With --from and --to (2026-01-01 or 01.01.2026, both days included) it also counts what took
            place in that period, past sessions included: sessions held and cancelled and dated offerings
            (events, fairs...), by technology field, kind, region and month; --by topic, kind, region or
            month then prints that table of the period, and CSV to a directory adds period-*.csv.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, html
    }

    @OptionGroup var options: NodeOptions

    @Option(help: "Only this table: region, topic, origin, kind, level or month.")
    var by: OverviewTable?

    @Option(help: "table, json, csv or html.")
    var format: Format?

    @Option(help: "Write to this file (for csv without --by: this directory) instead of stdout.", completion: .file())
    var out: String?

    @Flag(help: "Count trainings whose sessions are all over too.")
    var includePast = false

    @Option(help: "Also count what took place from this day (2026-01-01 or 01.01.2026).")
    var from: String?

    @Option(help: "…to this day, inclusive.")
    var to: String?

    @OptionGroup var csv: CSVFormOptions

    func validate() throws {
        if format == .csv && by == nil && out == nil {
            throw ValidationError("csv without --by writes one file per table: give --out DIR, or --by TABLE")
        }
        if csv.isSet && format != .csv { throw ValidationError("--excel and --standard-csv are for --format csv") }
        if (from == nil) != (to == nil) { throw ValidationError("a period needs both --from and --to") }
        if from != nil, let by, ![.topic, .kind, .region, .month].contains(by) {
            throw ValidationError("with a period, --by is topic, kind, region or month")
        }
    }

    func run() async throws {
        let node = try await options.openNode()
        let report = try await OverviewBuilder.build(node: node, includePast: includePast, period: try period())
        if let period = report.period, let by {
            // The period's table alone.
            switch format ?? (options.json ? .json : .table) {
            case .table: try write(OverviewText.period(period, only: by.rawValue) + "\n")
            case .json:
                try write(
                    String(decoding: try CatalogJSON.encode(period.table(by.rawValue), pretty: true), as: UTF8.self)
                        + "\n")
            case .csv:
                let form = csv.form(locale: node.config.locale)
                try write(OverviewCSV.periodTable(period, by.rawValue, form: form))
            case .html: try write(OverviewHTML.render(report))
            }
            return
        }
        switch format ?? (options.json ? .json : .table) {
        case .table:
            try write(OverviewText.render(report, only: by) + "\n")
        case .json:
            try write(String(decoding: try CatalogJSON.encode(report, pretty: true), as: UTF8.self) + "\n")
        case .html:
            try write(OverviewHTML.render(report))
        case .csv:
            let form = csv.form(locale: node.config.locale)
            if let by {
                try write(OverviewCSV.table(report.table(by), key: by.rawValue, form: form))
            } else if let out {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                let files = OverviewCSV.files(report, form: form)
                for file in files {
                    try Data(file.text.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(file.name))
                }
                Console.line("Wrote \(files.count) CSV files to \(out)")
            }
        }
    }

    private func period() throws -> (from: CatalogDate, to: CatalogDate)? {
        guard let from, let to else { return nil }
        func day(_ text: String, _ option: String) throws -> CatalogDate {
            guard let date = CatalogDate(reading: text) else {
                throw CatalogError(.invalidInput, "\(option) '\(text)' is not a real date (2026-01-01 or 01.01.2026)")
            }
            return date
        }
        let first = try day(from, "--from")
        let last = try day(to, "--to")
        guard first <= last else { throw CatalogError(.invalidInput, "--to \(last) is before --from \(first)") }
        return (first, last)
    }

    private func write(_ text: String) throws {
        guard let out else {
            Console.raw(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CatalogError(.io, "cannot write \(out): \(error.localizedDescription)")
        }
    }
}

extension OverviewTable: ExpressibleByArgument {}
