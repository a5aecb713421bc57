import CatalogCore
import Foundation
import Hummingbird

/// A `/v1/` route reads each query parameter once: one given twice (`limit=5&limit=0`) gets 400
/// `bad-request` rather than whichever value a route happens to read, so that every client and
/// every route mean the same by one address.
struct RepeatedParameterMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        // As the router sees the path (empty segments dropped: `//v1/changes` is `/v1/changes`),
        // and names as routes read them (`%6Cimit` is `limit`).
        let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        if segments.first == "v1" {
            var seen: Set<String> = []
            for (name, _) in request.uri.queryParameters {
                let decoded = String(name).removingPercentEncoding ?? String(name)
                guard seen.insert(decoded).inserted else {
                    throw APIError.badRequest(
                        "the parameter \(SafeText.excerpt(decoded, limit: 40)) is given more than once")
                }
            }
        }
        return try await next(request, context)
    }
}
