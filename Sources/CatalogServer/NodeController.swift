import CatalogNode
import CatalogSync
import Hummingbird

/// `GET /v1/node`: who this node is and which key signs its entries.
struct NodeController<Context: RequestContext>: Sendable {
    let node: Node

    func addRoutes(to router: Router<Context>) {
        router.get("/v1/node") { _, _ in try await info() }
    }

    func info() async throws -> Response {
        let key = node.publicKey
        let endorsements = try await node.store.endorsements().count
        return try Responses.json(
            NodeInfo(
                name: node.origin, displayName: node.config.displayName, level: node.config.level.rawValue,
                region: node.config.region,
                keys: [.init(keyid: node.keyID, publicKey: key.text, fingerprint: key.fingerprint)],
                endorsements: endorsements))
    }
}
