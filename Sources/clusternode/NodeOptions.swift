import ArgumentParser
import CatalogNode
import Foundation

/// The options every command shares: where the node lives, and whether to print JSON.
struct NodeOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The node's data directory.", discussion: "Default: $CLUSTERNODE_DIR, else ./node."),
        completion: .directory)
    var dir: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of text for people.")
    var json = false

    var directory: DataDirectory {
        DataDirectory(dir ?? ProcessInfo.processInfo.environment["CLUSTERNODE_DIR"] ?? "node")
    }

    func openNode() async throws -> Node {
        let node = try await Node.open(directory)
        // Entries the search index was rebuilt without, after an upgrade: said once, at that opening.
        let unindexed = node.store.unindexedEntries
        for entry in unindexed.prefix(20) {
            Console.error(
                "warning: entry \(entry.origin)/\(entry.id) stays stored but cannot be searched: \(entry.reason)")
        }
        if unindexed.count > 20 {
            Console.error("warning: and \(unindexed.count - 20) more entries cannot be searched")
        }
        return node
    }
}
