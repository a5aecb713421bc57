import CatalogNode
import CatalogTrust
import CatalogWire
import Hummingbird

/// `GET /v1/node`: who this node is and which key signs its entries.
struct NodeController<Context: RequestContext>: Sendable {
    let node: Node

    func addRoutes(to router: Router<Context>) {
        router.get("/v1/node") { _, _ in try await info() }
    }

    func info() async throws -> Response {
        let endorsements = try await NodeTrust.snapshot(node).statements.count
        // The current key first, then those the node rotated away from.
        let retired = try await node.store.keys(origin: node.origin).compactMap { try? $0.nodePublicKey() }
            .filter { $0 != node.publicKey }
        let keys = ([node.publicKey] + retired.reversed()).map {
            NodeInfo.Key(keyid: $0.keyID(origin: node.origin), publicKey: $0.text, fingerprint: $0.fingerprint)
        }
        return try Responses.json(
            NodeInfo(
                name: node.origin, displayName: node.config.displayName, level: node.config.level.rawValue,
                region: node.config.region, keys: keys, endorsements: endorsements))
    }
}
