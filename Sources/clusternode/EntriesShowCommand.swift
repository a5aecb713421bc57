import ArgumentParser
import CatalogCore

struct EntriesShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one entry, or its signed envelope exactly as stored.")

    @OptionGroup var options: NodeOptions

    @Argument(help: "The entry's id.")
    var id: String

    @Option(help: "The entry's origin. Default: the node's own.")
    var origin: String?

    @Flag(help: "Print the DSSE envelope's JSON exactly as stored, byte for byte.")
    var envelope = false

    func run() async throws {
        let node = try await options.openNode()
        let origin = origin ?? node.origin
        guard let stored = try await node.store.entry(origin: origin, id: id) else {
            throw CatalogError(.notFound, "no entry '\(id)' of origin \(origin)")
        }
        if envelope {
            Console.raw(stored.envelope)
            return
        }
        let view = EntryView(stored, signed: try stored.signedEntry())
        if options.json {
            try Console.json(view)
        } else {
            Console.line(EntryText.describe(view))
        }
    }
}
