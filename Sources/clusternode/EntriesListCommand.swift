import ArgumentParser
import CatalogCore

struct EntriesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the entries of the node's catalog, or of a received origin's.")

    @OptionGroup var options: NodeOptions

    @Option(help: "The origin whose entries to list. Default: the node's own.")
    var origin: String?

    @Option(help: "Only offerings or only trainings.")
    var type: EntryType?

    @Flag(help: "Include withdrawn entries (tombstones).")
    var includeWithdrawn = false

    func run() async throws {
        let node = try await options.openNode()
        let origin = origin ?? node.origin
        let stored = try await node.store.entries(origin: origin, type: type, includeWithdrawn: includeWithdrawn)
        let views = try stored.map { EntryView($0, signed: try $0.signedEntry()) }
        if options.json {
            try Console.json(views)
            return
        }
        if views.isEmpty {
            Console.line("No entries of \(origin)\(type.map { " of type \($0.rawValue)" } ?? "").")
            return
        }
        var table = TextTable(columns: ["ID", "TYPE", "TITLE", "NEXT", "SEQ"])
        for view in views {
            let type = view.entry.map(EntryText.typeLabel) ?? "withdrawn"
            table.add([
                view.id, type + (view.visibility == .local ? " (local)" : ""),
                view.entry?.title.preferred() ?? "", view.entry.flatMap(EntryText.nextDate) ?? "",
                String(view.seq),
            ])
        }
        Console.line(table.render(maxWidth: Console.width, flexible: [2, 1], minimum: 24))
        let local = views.filter { $0.visibility == .local }.count
        Console.line(
            "\(views.count) entries of \(origin)"
                + (local > 0 ? "; \(local) local (members only, never sent to peers)" : ""))
    }
}

extension EntryType: ExpressibleByArgument {}
