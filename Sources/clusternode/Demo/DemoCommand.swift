import ArgumentParser
import CatalogCore
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the example federation in a temporary directory and watch it exchange signed catalogs.",
        discussion: """
            Initializes every node of peers/example-federation.yaml (a national programme, two state agencies,
            five clusters), imports its catalog from examples/, serves each over HTTPS on a free loopback port,
            pins and endorses as the plan says, syncs until the national node holds every catalog, then shows
            entries per node, searches, the national overview, and a tampered envelope being refused. Removes
            everything at the end; with --keep the nodes keep running until Ctrl-C and the commands to explore
            them are printed.
            """)

    @Flag(help: "Leave the nodes running (until Ctrl-C) and print commands to explore them.")
    var keep = false

    @Option(help: "The repository holding examples/ and peers/. Default: found from the current directory.")
    var examples: String?

    func run() async throws {
        let root = try examples.map { URL(fileURLWithPath: $0) } ?? FederationPlan.findRoot()
        let plan = try FederationPlan.load(root: root)
        try await DemoRunner(plan: plan, root: root, keep: keep).run()
    }
}
