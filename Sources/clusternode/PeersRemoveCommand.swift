import ArgumentParser
import CatalogTrust

struct PeersRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Unpin a peer. Entries already received stay; its key is no longer trusted for new ones.")

    @OptionGroup var options: NodeOptions

    @Argument(help: "The peer's name.")
    var name: String

    func run() async throws {
        let node = try await options.openNode()
        try PeerDirectory(node.directory).remove(name)
        try await node.store.forgetPeer(name)
        if options.json { try Console.json(["removed": name]) } else { Console.line("Removed peer \(name)") }
    }
}
