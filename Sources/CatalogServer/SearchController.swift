import CatalogCore
import CatalogNode
import CatalogSearch
import Hummingbird

/// `GET /v1/search`: the same search as `clusternode search --json`, over this node's index.
struct SearchController<Context: RequestContext>: Sendable {
    let node: Node
    let timeout: Duration

    func addRoutes(to router: some RouterMethods<Context>) {
        router.get("/v1/search") { request, _ in
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters {
                parameters[String(name)] = String(value)
            }
            let query = try SearchQuery(parameters: parameters)
            let searcher = Searcher(node: node)
            return try Responses.json(try await Deadline.run(timeout) { try await searcher.search(query) })
        }
    }
}
