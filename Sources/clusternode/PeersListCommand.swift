import ArgumentParser
import CatalogStore
import CatalogTrust

struct PeersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the pinned peers and how the last pull from each went.")

    @OptionGroup var options: NodeOptions

    struct Row: Encodable {
        let peer: PeerFile
        let state: PeerState?
    }

    func run() async throws {
        let node = try await options.openNode()
        let peers = try PeerDirectory(node.directory).load()
        let states = Dictionary(
            try await node.store.peerStates().map { ($0.peer, $0) }, uniquingKeysWith: { a, _ in a })
        if options.json {
            try Console.json(peers.map { Row(peer: $0, state: states[$0.name]) })
            return
        }
        if peers.isEmpty {
            Console.line("No peers. Pin one with: clusternode peers add --url URL --ca CERT")
            return
        }
        var table = TextTable(columns: ["NAME", "LEVEL", "REGION", "URL", "LAST PULL"])
        for peer in peers {
            let state = states[peer.name]
            let status =
                state?.lastError.map { "failing (\($0))" } ?? state?.lastSuccess.map { "ok \($0)" } ?? "never"
            table.add([peer.name, peer.level.rawValue, peer.region, peer.url, status])
        }
        Console.line(table.render(maxWidth: Console.width, flexibleColumn: 4))
    }
}
