import CatalogNode
import CatalogReports
import CatalogWire
import Hummingbird

/// `GET /overview`: the overview as a self-contained HTML page; `GET /v1/overview`: the same numbers
/// as JSON. Local entries never count.
struct OverviewController<Context: RequestContext>: Sendable {
    let node: Node
    let timeout: Duration

    private func build(_ includePast: Bool) async throws -> OverviewReport {
        let node = node
        return try await Deadline.run(timeout) { try await OverviewBuilder.build(node: node, includePast: includePast) }
    }

    func addRoutes(to router: some RouterMethods<Context>) {
        router.get("/v1/overview") { request, _ in
            try Responses.json(try await build(includePast(request)))
        }
        router.get("/overview") { request, _ in
            let report = try await build(includePast(request))
            return Responses.bytes(.init(OverviewHTML.render(report).utf8), contentType: "text/html; charset=utf-8")
        }
    }

    private func includePast(_ request: Request) throws -> Bool {
        switch request.uri.queryParameters.get("includePast")?.lowercased() {
        case nil, "false", "0": return false
        case "true", "1", "": return true
        default: throw APIError.badRequest("includePast must be true or false")
        }
    }
}
