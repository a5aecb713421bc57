import CatalogCore
import CatalogNode
import Foundation

/// A node initialized in a temporary directory.
public struct TestNode: Sendable {
    public let directory: TemporaryDirectory
    public let node: Node

    /// A node named `name` at `level`; a national node's region is `DE`, any other's `DE-BW`.
    public static func make(name: String = "medicalmountains", level: NodeLevel = .cluster) async throws -> TestNode {
        let directory = try TemporaryDirectory(name)
        let data = DataDirectory(root: directory.url.appendingPathComponent("node"))
        try await NodeInitializer.initialize(
            data,
            config: NodeConfig(
                name: name, displayName: "Test \(name)", level: level, region: level == .national ? "DE" : "DE-BW",
                hosts: ["localhost"]))
        return TestNode(directory: directory, node: try await Node.open(data))
    }

    public func remove() {
        try? node.store.close()
        directory.remove()
    }
}
