import CatalogCore
import Hummingbird

/// A `/v1/` route reads each query parameter once: one given twice (`limit=5&limit=0`) gets 400
/// `bad-request` rather than whichever value a route happens to read, so that every client and
/// every route mean the same by one address.
struct RepeatedParameterMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if request.uri.path.hasPrefix("/v1/") {
            var seen: Set<Substring> = []
            for (name, _) in request.uri.queryParameters where !seen.insert(name).inserted {
                throw APIError.badRequest(
                    "the parameter \(SafeText.excerpt(String(name), limit: 40)) is given more than once")
            }
        }
        return try await next(request, context)
    }
}
