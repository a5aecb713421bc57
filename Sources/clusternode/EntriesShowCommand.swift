import ArgumentParser
import CatalogCore
import CatalogReports

struct EntriesShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one entry, or its signed envelope exactly as stored.",
        discussion: """
            Every field a member would ask about: texts, price, contact, registration, each session with its
            venue, online link, seats and deadline, and where the entry comes from: the origin that signed it,
            the key's fingerprint, the peer it came through and when it was stored, and its signature checked
            again now under the keys this node trusts.
            """)

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
        let signed = try stored.signedEntry()
        var view = EntryView(stored, signed: signed)
        view.provenance = EntryProvenance(
            stored: stored, signed: signed, origins: try await OriginDirectory(node: node))
        if options.json {
            try Console.json(view)
        } else {
            Console.line(EntryText.describe(view))
        }
    }
}
