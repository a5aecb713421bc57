import CatalogCore
import CatalogNode
import Foundation
import Yams

/// The example federation's topology, read from `peers/example-federation.yaml`.
struct FederationPlan: Decodable {
    struct NodePlan: Decodable {
        let name: String
        let displayName: String
        let level: NodeLevel
        let region: String
        /// The catalog file to import, relative to the repository.
        let catalog: String
        /// The nodes it pulls from.
        let pulls: [String]
        /// The nodes it endorses.
        let endorses: [String]

        enum CodingKeys: String, CodingKey { case name, displayName, level, region, catalog, pulls, endorses }

        init(name: String, displayName: String, level: NodeLevel, region: String, catalog: String = "") {
            self.name = name
            self.displayName = displayName
            self.level = level
            self.region = region
            self.catalog = catalog
            self.pulls = []
            self.endorses = []
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            displayName = try c.decode(String.self, forKey: .displayName)
            level = try c.decode(NodeLevel.self, forKey: .level)
            region = try c.decode(String.self, forKey: .region)
            catalog = try c.decode(String.self, forKey: .catalog)
            pulls = try c.decodeIfPresent([String].self, forKey: .pulls) ?? []
            endorses = try c.decodeIfPresent([String].self, forKey: .endorses) ?? []
        }
    }

    let nodes: [NodePlan]

    static let file = "peers/example-federation.yaml"

    /// Reads the plan from the repository at `root`, checking that every name it refers to exists.
    static func load(root: URL) throws -> FederationPlan {
        let url = root.appendingPathComponent(file)
        let plan: FederationPlan
        do {
            plan = try YAMLDecoder().decode(FederationPlan.self, from: try String(contentsOf: url, encoding: .utf8))
        } catch {
            throw CatalogError(.configuration, "cannot read \(url.path): \(DecodingErrorText.describe(error))")
        }
        let names = Set(plan.nodes.map(\.name))
        for node in plan.nodes {
            for other in node.pulls + node.endorses where !names.contains(other) {
                throw CatalogError(.configuration, "\(file): \(node.name) refers to an unknown node \(other)")
            }
        }
        return plan
    }

    /// The repository: the first of the current directory and its parents that holds the plan, else
    /// the checkout this executable was built from.
    static func findRoot() throws -> URL {
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while true {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path) { return directory }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: built.appendingPathComponent(file).path) { return built }
        throw CatalogError(
            .configuration, "cannot find \(file); run the demo from the repository, or pass --examples DIR")
    }
}
