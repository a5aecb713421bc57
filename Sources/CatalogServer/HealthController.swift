import CatalogNode
import Hummingbird

/// `GET /healthz`: the node answers and its database is readable.
struct HealthController<Context: RequestContext>: Sendable {
    let node: Node

    struct Health: Encodable {
        let status: String
        let origin: String
    }

    func addRoutes(to router: Router<Context>) {
        router.get("/healthz") { _, _ in
            _ = try await node.store.selfOrigin()
            return try Responses.json(Health(status: "ok", origin: node.origin))
        }
    }
}
