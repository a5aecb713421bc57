import CatalogCore
import CatalogNode
import Foundation

/// A node initialized in a temporary directory.
public struct TestNode: Sendable {
    public let directory: TemporaryDirectory
    public let node: Node

    /// A node named `name` at `level`; a national node's region is `DE`, any other's `DE-BW`.
    /// `configure` may change the rest of its config.
    public static func make(
        name: String = "medicalmountains", level: NodeLevel = .cluster,
        configure: (inout NodeConfig) -> Void = { _ in }
    ) async throws -> TestNode {
        let directory = try TemporaryDirectory(name)
        let data = DataDirectory(root: directory.url.appendingPathComponent("node"))
        var config = NodeConfig(
            name: name, displayName: "Test \(name)", level: level, region: level == .national ? "DE" : "DE-BW",
            hosts: ["localhost"])
        configure(&config)
        try await NodeInitializer.initialize(data, config: config)
        return TestNode(directory: directory, node: try await Node.open(data))
    }

    public func remove() {
        try? node.store.close()
        directory.remove()
    }
}
