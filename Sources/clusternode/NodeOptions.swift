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
        // Entries held that the search index was rebuilt without (after an upgrade or a restore):
        // said at every opening until a new version of each is stored.
        let unindexed = try await node.store.unindexedEntries()
        if !unindexed.isEmpty {
            let listed = unindexed.prefix(3).map { "\($0.origin)/\($0.id) (\($0.reason))" }.joined(separator: ", ")
            Console.error(
                "warning: \(unindexed.count) \(unindexed.count == 1 ? "entry stays" : "entries stay") stored but cannot "
                    + "be searched: \(listed)\(unindexed.count > 3 ? ", …" : "")")
        }
        return node
    }
}
