import CatalogCore
import CatalogNode
import CatalogSync
import Hummingbird

/// `GET /v1/search`: the same search as `clusternode search --json`, over this node's index.
struct SearchController<Context: RequestContext>: Sendable {
    let node: Node

    func addRoutes(to router: some RouterMethods<Context>) {
        router.get("/v1/search") { request, _ in
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters {
                parameters[String(name)] = String(value)
            }
            let query = try SearchQuery(parameters: parameters)
            return try Responses.json(try await Searcher(node: node).search(query))
        }
    }
}
