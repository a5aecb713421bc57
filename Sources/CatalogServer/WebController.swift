import CatalogNode
import CatalogWeb
import Hummingbird

/// The web catalog for members: the search page, entry and origin pages, calendars and feeds, and
/// the stylesheet. Pages are HTML under a strict Content-Security-Policy; a page that is not there
/// is an HTML 404 in the reader's language.
struct WebController<Context: RequestContext>: Sendable {
    let node: Node
    let timeout: Duration
    /// `https`, or `http` when serving plain HTTP on loopback.
    let scheme: String

    /// The routes that search or check signatures: in the limited group, as `/v1/search` is.
    func addPageRoutes(to router: some RouterMethods<Context>) {
        router.get("/") { request, _ in
            let web = webRequest(request)
            return try await answer(request) { try await WebCatalog.searchPage(node: node, request: web) }
        }
        router.get("/entries/:origin/:id") { request, context in
            let language = Self.language(request)
            let origin = try context.parameters.decoded("origin")
            let id = try context.parameters.decoded("id")
            return try await answer(request) {
                try await WebCatalog.entryPage(node: node, origin: origin, id: id, language: language)
            }
        }
        router.get("/origins/:origin") { request, context in
            let web = webRequest(request)
            let origin = try context.parameters.decoded("origin")
            return try await answer(request) {
                try await WebCatalog.originPage(node: node, origin: origin, request: web)
            }
        }
        router.get("/origins/:origin/catalog.csv") { request, context in
            let web = webRequest(request)
            let origin = try context.parameters.decoded("origin")
            return try await answer(request) {
                try await WebCatalog.originCSV(node: node, origin: origin, request: web)
            }
        }
        router.get("/embed") { request, _ in
            let web = webRequest(request)
            return try await answer(request) { try await WebCatalog.embed(node: node, request: web) }
        }
        router.get("/calendar.ics") { request, _ in
            let web = webRequest(request)
            return try await answer(request) { try await WebCatalog.searchCalendar(node: node, request: web) }
        }
        router.get("/catalog.jsonld") { request, _ in
            let web = webRequest(request)
            return try await answer(request) { try await WebCatalog.searchJSONLD(node: node, request: web) }
        }
        router.get("/dcat.jsonld") { request, _ in
            let web = webRequest(request)
            return try await answer(request) { try await WebCatalog.dcat(node: node, request: web) }
        }
        router.get("/feed.atom") { request, _ in
            let web = webRequest(request)
            return try await answer(request) { try await WebCatalog.searchFeed(node: node, request: web) }
        }
        router.get("/entries/:origin/:id/calendar.ics") { request, context in
            let origin = try context.parameters.decoded("origin")
            let id = try context.parameters.decoded("id")
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

    /// The page from the page cache, or rendered within the deadline.
    func answer(_ request: Request, _ render: @escaping @Sendable () async throws -> WebPage) async throws
        -> Response
    {
        let web = webRequest(request)
        let parameters = web.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let address = "\(request.uri.path)?\(parameters.joined(separator: "&")) \(web.language.rawValue) \(web.base)"
        let node = node
        let timeout = timeout
        let page = try await Deadline.run(timeout) {
            try await PageCache.shared.page(node: node, address: address, render: render)
        }
        return Self.response(page, embedOrigins: node.config.embedOrigins)
    }

    func webRequest(_ request: Request) -> WebRequest {
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters
        where WebRequest.parameterNames.contains(String(name)) && !value.isEmpty {
            parameters[String(name)] = String(value)
        }
        // Plain HTTP is served on loopback only, behind a reverse proxy: the scheme readers use is
        // the one the proxy says.
        let forwarded = request.headers[HTTPFields.Element.Name("X-Forwarded-Proto")!]?.lowercased()
        let scheme = scheme == "http" && forwarded == "https" ? "https" : scheme
        let fallback = "\(node.config.hosts.first ?? "127.0.0.1"):\(node.config.port)"
        return WebRequest(
            parameters: parameters, language: Self.language(request),
            base: "\(scheme)://\(Self.host(request, allowed: node.config.hosts) ?? fallback)")
    }

    /// The host the reader reached the node at, when the `Host` header is a plain host name or
    /// address with an optional port and the name is one of the node's `hosts` (its config; the
    /// names its certificate is for, and a reverse proxy's public name); nothing else goes into
    /// the addresses a page hands out.
    static func host(_ request: Request, allowed: [String]) -> String? {
        guard let host = request.headers[HTTPFields.Element.Name("Host")!] ?? request.head.authority,
            (1...260).contains(host.utf8.count), host.utf8.allSatisfy(isHostByte)
        else { return nil }
        let name: Substring
        if host.hasPrefix("[") {
            name = host.prefix { $0 != "]" }.dropFirst()
        } else {
            name = host.prefix { $0 != ":" }
        }
        return allowed.contains { $0.lowercased() == name.lowercased() } ? host : nil
    }

    /// Letters, digits, `.`, `-`, and `:`, `[`, `]` for a port or an IPv6 address.
    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"): true
        default: false
        }
    }

    static func language(_ request: Request) -> WebLanguage {
        WebLanguage.choose(
            parameter: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage])
    }

    static func response(_ page: WebPage, embedOrigins: [String] = []) -> Response {
        var headers: HTTPFields = [
            .contentType: page.contentType, .contentLanguage: page.language.rawValue, .xContentTypeOptions: "nosniff",
            .cacheControl: "no-cache",
        ]
        if page.isHTML {
            headers[.contentSecurityPolicy] = WebPage.contentSecurityPolicy(
                frameAncestors: page.framable ? embedOrigins : [])
            headers[HTTPFields.Element.Name("Referrer-Policy")!] = "same-origin"
        }
        if let name = page.download { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        return Response(
            status: HTTPResponse.Status(code: page.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: page.body)))
    }
}

/// A browser that asks for a page the node does not have gets the web catalog's 404 page, in its
/// language; programs (and every `/v1/` path) keep the JSON error.
struct WebNotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    let node: Node

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError
            where error.status == .notFound && !request.uri.path.hasPrefix("/v1/")
            && request.headers[.accept]?.contains("text/html") == true
        {
            return WebController<Context>.response(
                WebPage.notFound(node: node, language: WebController<Context>.language(request)))
        }
    }
}
