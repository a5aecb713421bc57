import CatalogCore
import Hummingbird
import Logging

/// Logs one line per answered request: method, path, status and duration, at `info`.
///
/// Hummingbird's `LogRequestsMiddleware` logs a request when it arrives, before its status or
/// duration are known; this logs it once answered, failures included, with the status the client
/// gets. The path is an escaped excerpt (a peer chooses it) and the query is left out: it holds
/// what members search for.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, since: start, context.logger)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, status: status, since: start, context.logger)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant, _ logger: Logger) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        logger.info(
            "\(request.method.rawValue) \(SafeText.excerpt(request.uri.path, limit: 200)) \(status) \(String(format: "%.1f", milliseconds)) ms"
        )
    }
}
