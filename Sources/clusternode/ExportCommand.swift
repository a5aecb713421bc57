import ArgumentParser
import CatalogCore
import CatalogReports
import CatalogStore
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Export entries as iCalendar (trainings' sessions), schema.org JSON-LD, or catalog JSON, CSV or xlsx.",
        discussion: """
            ics: one event per training session, in Europe/Berlin time, with a UID that never changes; a
            cancelled session stays with STATUS:CANCELLED. jsonld: Course with CourseInstance, Event or Service,
            for a website. json: the catalog format `entries import` reads. csv and xlsx: the spreadsheet \
            `entries import` reads (docs/CSV.md), one row per session, of this node's own entries unless \
            --origin is given; importing it again changes nothing, so an office can keep it, edit it and import \
            it back. With --excel, or by default when config.yaml says `locale: de`, the CSV is in the form \
            German Excel opens (semicolons, UTF-8 with a byte order mark, decimal commas); --standard-csv asks \
            for commas and plain UTF-8. An xlsx workbook goes to --out, or to stdout when that is not a \
            terminal. Local entries are left out unless --include-local (keep them in a file you import with \
            --replace, or they are withdrawn).
            """)

    @OptionGroup var options: NodeOptions

    @Option(help: "ics, jsonld, json, csv or xlsx.")
    var format: Exporter.Format

    @Option(help: "offering or training.") var type: EntryType?
    @Option(help: "Only entries for this state, e.g. DE-BW.") var region: String?
    @Option(help: "Only entries of this origin.") var origin: String?
    @Option(help: "Only entries in this technology field.") var topic: String?
    @Flag(help: "Include the node's local (members-only) entries.") var includeLocal = false
    @OptionGroup var csv: CSVFormOptions
    @Option(help: "Write to this file instead of stdout.", completion: .file()) var out: String?

    func run() async throws {
        let node = try await options.openNode()
        if csv.isSet && format != .csv { throw ValidationError("--excel and --standard-csv are for --format csv") }
        if format == .xlsx && out == nil && isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("an xlsx workbook is not for a terminal: give --out FILE.xlsx, or redirect stdout")
        }
        let tables: Set<Exporter.Format> = [.csv, .xlsx]
        let filter = ExportFilter(
            type: type, region: region.map(Entry.canonicalRegion),
            origin: origin ?? (tables.contains(format) ? node.origin : nil), topic: topic, includeLocal: includeLocal)
        let form = csv.form(locale: node.config.locale)
        let export = try await Exporter.export(node: node, format: format, filter: filter, csvForm: form)
        for loss in export.losses {
            Console.error("warning: \(loss) cannot be written as \(format.rawValue) and is left out")
        }
        let data = export.data
        if let out {
            do {
                try data.write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw CatalogError(.io, "cannot write \(out): \(error.localizedDescription)")
            }
        } else {
            Console.raw(data)
        }
    }
}

extension Exporter.Format: ExpressibleByArgument {}
