import CatalogNode
import Hummingbird

/// Lets the web pages of the sites a node's config names (`embedOrigins`) read `GET /v1/search` from
/// a browser: such a request's answer, error answers included, names its `Origin` in
/// `Access-Control-Allow-Origin`. Any other site's script gets no such header, so the browser keeps
/// the answer from it. Simple GET requests only: the node answers no preflight (OPTIONS is a 405).
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    static var paths: Set<String> { ["/v1/search"] }

    /// Lowercased, as browsers send `Origin`.
    let allowed: Set<String>

    init(node: Node) {
        allowed = Set(node.config.embedOrigins.map { $0.lowercased() })
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard Self.paths.contains(request.uri.path) else { return try await next(request, context) }
        let origin = request.headers[.origin].flatMap { allowed.contains($0.lowercased()) ? $0 : nil }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        // Caches must keep one answer per Origin.
        response.headers[.vary] = "Origin"
        if let origin { response.headers[.accessControlAllowOrigin] = origin }
        return response
    }
}
