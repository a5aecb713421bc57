import AsyncHTTPClient
import CatalogCore
import CatalogImport
import CatalogNode
import CatalogReports
import CatalogServer
import CatalogStore
import Foundation
import Logging
import ServiceLifecycle

/// Runs the demo: every node of the plan in one process, each served over HTTPS on its own port.
struct DemoRunner {
    let plan: FederationPlan
    let root: URL
    let keep: Bool
    /// A relay that is not in the plan: it passes on one envelope it altered.
    static let mallory = "mallory"

    func run() async throws {
        let workspace = FileManager.default.temporaryDirectory
            .appendingPathComponent("clusternode-demo-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        do {
            try await run(in: workspace)
        } catch {
            try? FileManager.default.removeItem(at: workspace)
            throw error
        }
    }

    private func run(in workspace: URL) async throws {
        let started = ContinuousClock.now
        let logger = CLILogging.logger("clusternode.demo", defaultLevel: .error)

        Console.line("Cluster Exchange demo: \(plan.nodes.count) nodes in \(workspace.path)\n")
        Console.line("1. Nodes: init, and import their catalogs from examples/")
        var nodes: [String: Node] = [:]
        for nodePlan in plan.nodes {
            nodes[nodePlan.name] = try await makeNode(nodePlan, in: workspace)
        }
        nodes[Self.mallory] = try await makeNode(
            .init(name: Self.mallory, displayName: "Mallory's relay", level: .agency, region: "DE-BW"), catalog: nil,
            in: workspace)

        let allNodes = nodes
        let ports = PortBook(expected: nodes.count)
        var services: [any Service] = []
        for (name, node) in nodes.sorted(by: { $0.key < $1.key }) {
            let waiters = FeedWaiters(store: node.store)
            services.append(
                try buildApplication(
                    node: node, configuration: ServerConfiguration(host: "127.0.0.1", port: 0), logger: logger,
                    waiters: waiters, onRunning: { port in await ports.record(name, port: port) }))
            services.append(FeedWaitersShutdown(waiters: waiters))
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigint, .sigterm],
                logger: logger))
        let http = HTTPClient.makeNodeClient()
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    do {
                        try await group.run()
                    } catch {
                        await ports.fail()
                        throw error
                    }
                    await ports.fail()  // a no-op once every server listened
                }
                tasks.addTask {
                    guard let bound = await ports.all() else {
                        throw CatalogError(.io, "the demo's servers stopped before all of them listened")
                    }
                    let steps = DemoSteps(plan: plan, nodes: allNodes, ports: bound, http: http, logger: logger)
                    do {
                        try await steps.run()
                    } catch {
                        await group.triggerGracefulShutdown()
                        throw error
                    }
                    // Close the client's connections first: servers stop once their connections are idle.
                    try await http.shutdown()
                    if keep {
                        steps.printExploreCommands(workspace: workspace)
                    } else {
                        await group.triggerGracefulShutdown()
                    }
                }
                try await tasks.waitForAll()
            }
        } catch {
            try? await http.shutdown()  // a no-op when the steps already shut it down
            for node in nodes.values { try? node.store.close() }
            throw error
        }
        for node in nodes.values { try node.store.close() }
        if keep {
            Console.line("Stopped. The nodes' files stay in \(workspace.path); remove it when done.")
        } else {
            try FileManager.default.removeItem(at: workspace)
            let seconds = (ContinuousClock.now - started).components.seconds
            Console.line(
                "\nDone in \(seconds) s; \(workspace.path) removed. `clusternode demo --keep` leaves the nodes running."
            )
        }
    }

    private func makeNode(_ nodePlan: FederationPlan.NodePlan, in workspace: URL) async throws -> Node {
        try await makeNode(nodePlan, catalog: root.appendingPathComponent(nodePlan.catalog), in: workspace)
    }

    private func makeNode(_ nodePlan: FederationPlan.NodePlan, catalog: URL?, in workspace: URL) async throws -> Node {
        let directory = DataDirectory(root: workspace.appendingPathComponent(nodePlan.name))
        try await NodeInitializer.initialize(
            directory,
            config: NodeConfig(
                name: nodePlan.name, displayName: nodePlan.displayName, level: nodePlan.level, region: nodePlan.region,
                hosts: ["localhost"]))
        let node = try await Node.open(directory)
        if let catalog {
            let entries = try CatalogImporter.read(file: catalog)
            try await node.put(entries)
            Console.line(
                "   \(nodePlan.name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(nodePlan.level.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(nodePlan.region.padding(toLength: 6, withPad: " ", startingAt: 0)) \(entries.count) entries from \(catalog.lastPathComponent)"
            )
        }
        return node
    }
}
