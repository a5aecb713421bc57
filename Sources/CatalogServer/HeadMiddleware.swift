import Hummingbird

/// HEAD answers carry no body, errors included: the router makes HEAD of every GET route, but a
/// 404 or 405 is answered by the error middlewares with its JSON or HTML body, which HTTP forbids
/// after HEAD (a client would read it as the start of its next answer).
struct HeadMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .head else { return try await next(request, context) }
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        // As the router's own HEAD answers: the headers kept, Content-Length included where GET knew it.
        return Response(status: response.status, headers: response.headers, body: ResponseBody())
    }
}
