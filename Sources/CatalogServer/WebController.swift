import CatalogNode
import CatalogWeb
import Hummingbird

/// The web catalog for members: the search page, entry pages and their calendars, and the
/// stylesheet. Pages are HTML under a strict Content-Security-Policy; a page that is not there is
/// an HTML 404 in the reader's language.
struct WebController<Context: RequestContext>: Sendable {
    let node: Node
    let timeout: Duration

    /// The routes that search or check signatures: in the limited group, as `/v1/search` is.
    func addPageRoutes(to router: some RouterMethods<Context>) {
        router.get("/") { request, _ in
            let language = Self.language(request)
            var given: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { given[String(name)] = String(value) }
            let parameters = given
            let page = try await Deadline.run(timeout) {
                try await WebCatalog.searchPage(node: node, parameters: parameters, language: language)
            }
            return Self.response(page)
        }
        router.get("/entries/:origin/:id") { request, context in
            let language = Self.language(request)
            let origin = try context.parameters.require("origin")
            let id = try context.parameters.require("id")
            let page = try await Deadline.run(timeout) {
                try await WebCatalog.entryPage(node: node, origin: origin, id: id, language: language)
            }
            return Self.response(page)
        }
        router.get("/entries/:origin/:id/calendar.ics") { request, context in
            let origin = try context.parameters.require("origin")
            let id = try context.parameters.require("id")
            guard let calendar = try await WebCatalog.entryCalendar(node: node, origin: origin, id: id) else {
                return Self.response(WebPage.notFound(node: node, language: Self.language(request)))
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/calendar; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"\(id).ics\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: calendar)))
        }
    }

    func addStaticRoutes(to router: some RouterMethods<Context>) {
        router.get("/static/catalog.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: WebPage.stylesheet)))
        }
    }

    static func language(_ request: Request) -> WebLanguage {
        WebLanguage.choose(
            parameter: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage])
    }

    static func response(_ page: WebPage) -> Response {
        Response(
            status: HTTPResponse.Status(code: page.status),
            headers: [
                .contentType: "text/html; charset=utf-8", .contentLanguage: page.language.rawValue,
                .contentSecurityPolicy: WebPage.contentSecurityPolicy, .xContentTypeOptions: "nosniff",
                HTTPFields.Element.Name("Referrer-Policy")!: "same-origin", .cacheControl: "no-cache",
            ],
            body: .init(byteBuffer: ByteBuffer(string: page.html)))
    }
}
