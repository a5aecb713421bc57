import CatalogCore
import CatalogWire
import Foundation
import Hummingbird

/// The one error a route answers with: a status, a stable code and a message safe to show a peer,
/// as `{"error": {"code": "...", "message": "..."}}`. Internal failures never leak their text.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String

    public init(_ status: HTTPResponse.Status, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, code: "bad-request", message) }
    public static func notFound(_ message: String) -> APIError { APIError(.notFound, code: "not-found", message) }

    /// Maps any error a handler throws: catalog errors the client caused become 4xx with their
    /// message; everything else is a 500 with a generic message.
    public static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as CatalogError:
            switch error.code {
            case .notFound: return .notFound(error.message)
            case .invalidInput, .invalidEntry, .invalidEnvelope: return .badRequest(error.message)
            default: return APIError(.internalServerError, code: "internal", "the node could not answer")
            }
        case let error as HTTPError:
            // The framework's own errors (an unknown route, an unreadable request) get the codes
            // docs/openapi.yaml lists, never one per status.
            let message = error.body ?? error.status.reasonPhrase
            switch error.status.code {
            case 404: return .notFound(message)
            case 405: return APIError(.methodNotAllowed, code: "method-not-allowed", message)
            case 400..<500: return APIError(error.status, code: "bad-request", message)
            default: return APIError(.internalServerError, code: "internal", "the node could not answer")
            }
        default:
            return APIError(.internalServerError, code: "internal", "the node could not answer")
        }
    }

    public var headers: HTTPFields {
        status == .methodNotAllowed
            ? [.contentType: "application/json", .allow: "GET, HEAD"] : [.contentType: "application/json"]
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try CatalogJSON.encode(ErrorBody(code: code, message: message))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Answers every failure as an `APIError`: unknown routes as a JSON 404, and any method but GET and
/// HEAD (the node serves nothing else) as a JSON 405.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get || request.method == .head else {
            throw APIError(.methodNotAllowed, code: "method-not-allowed", "this node answers GET requests only")
        }
        do {
            return try await next(request, context)
        } catch {
            let answer = APIError.from(error)
            // The client learns only that the node could not answer; the operator learns why.
            if answer.status == .internalServerError, !(error is APIError) {
                context.logger.error(
                    "cannot answer \(request.method.rawValue) \(SafeText.excerpt(request.uri.path, limit: 200))",
                    metadata: ["error": "\(SafeText.excerpt(String(describing: error), limit: 500))"])
            }
            throw answer
        }
    }
}
