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
        try await Node.open(directory)
    }
}
