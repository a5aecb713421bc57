import ArgumentParser

struct EntriesRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Withdraw an entry with a signed tombstone.",
        discussion: "The tombstone travels to peers like any entry, so the entry disappears downstream too.")

    @OptionGroup var options: NodeOptions

    @Argument(help: "The id of the entry to withdraw.")
    var id: String

    func run() async throws {
        let node = try await options.openNode()
        let summary = try await node.remove(id: id)
        if options.json {
            try Console.json(summary)
        } else {
            Console.line("Withdrew \(id) (seq \(summary.seq))")
        }
    }
}
