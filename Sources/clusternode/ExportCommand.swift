import ArgumentParser
import CatalogCore
import CatalogReports
import CatalogStore
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export entries as iCalendar (trainings' sessions), schema.org JSON-LD, or catalog JSON.",
        discussion: """
            ics: one event per training session, in Europe/Berlin time, with a UID that never changes; a
            cancelled session stays with STATUS:CANCELLED. jsonld: Course with CourseInstance, Event or Service,
            for a website. json: the catalog format `entries import` reads. Local entries are left out unless
            --include-local.
            """)

    @OptionGroup var options: NodeOptions

    @Option(help: "ics, jsonld or json.")
    var format: Exporter.Format

    @Option(help: "offering or training.") var type: EntryType?
    @Option(help: "Only entries for this state, e.g. DE-BW.") var region: String?
    @Option(help: "Only entries of this origin.") var origin: String?
    @Option(help: "Only entries in this technology field.") var topic: String?
    @Flag(help: "Include the node's local (members-only) entries.") var includeLocal = false
    @Option(help: "Write to this file instead of stdout.", completion: .file()) var out: String?

    func run() async throws {
        let node = try await options.openNode()
        let filter = ExportFilter(
            type: type, region: region.map(Entry.canonicalRegion), origin: origin, topic: topic,
            includeLocal: includeLocal)
        let data = try await Exporter.export(node: node, format: format, filter: filter)
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
