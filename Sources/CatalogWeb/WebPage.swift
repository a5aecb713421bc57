/// A rendered answer: its status, content type and body, and the language it is in. Mostly an
/// HTML page; feeds and calendars too.
public struct WebPage: Sendable {
    public static let htmlType = "text/html; charset=utf-8"

    public let status: Int
    public let language: WebLanguage
    public let contentType: String
    public let body: String
    /// Whether the sites the node's config names (`embedOrigins`) may frame it: the embeddable list.
    public let framable: Bool
    /// The file name a browser saves it under instead of showing it (a slug: safe in a header).
    public let download: String?

    init(status: Int, language: WebLanguage, html: String) {
        self.init(status: status, language: language, contentType: Self.htmlType, body: html)
    }

    init(
        status: Int, language: WebLanguage, contentType: String, body: String, framable: Bool = false,
        download: String? = nil
    ) {
        self.download = download
        self.status = status
        self.language = language
        self.contentType = contentType
        self.body = body
        self.framable = framable
    }

    public var isHTML: Bool { contentType == Self.htmlType }

    /// The policy every page is served with: nothing but the node's own stylesheet and images,
    /// no scripts, forms only to the node, and framed by nobody (the embeddable list: only by the
    /// sites named in `frameAncestors`).
    public static func contentSecurityPolicy(frameAncestors: [String] = []) -> String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors \(frameAncestors.isEmpty ? "'none'" : frameAncestors.joined(separator: " "))"
    }

    /// The stylesheet every page links, at `/static/catalog.css`.
    public static var stylesheet: [UInt8] { PackageResources.catalog_css }
}

/// What every page's head and foot need: the node's name, the language and its switch, the title.
enum PageFrame {
    static func context(
        language: WebLanguage, nodeName: String, title: String, switchHref: String, jsonLD: String? = nil,
        feedHref: String? = nil
    ) -> [String: Any] {
        var context: [String: Any] = [
            "lang": language.rawValue, "otherLang": language.other.rawValue, "t": WebText.strings(language),
            "nodeName": nodeName, "title": title, "switchHref": switchHref,
        ]
        if let jsonLD { context["jsonLD"] = jsonLD }
        if let feedHref { context["feedHref"] = feedHref }
        return context
    }
}

/// What a page is asked: the query parameters, the language, and the address the reader reached the
/// node at (`https://host:port`), for the addresses a page hands out to other programs (feeds,
/// calendars).
public struct WebRequest: Sendable {
    public let parameters: [String: String]
    public let language: WebLanguage
    public let base: String

    /// The parameters any page reads: a search's (`/v1/search`'s), the page number, the language
    /// and a table's form. The server passes no others on, so a page is a function of these (and
    /// the page cache keys by them alone: junk parameters cannot make it render anew).
    public static let parameterNames: Set<String> = [
        "q", "type", "kind", "topic", "region", "origin", "mode", "language", "audience", "free", "maxPrice", "city",
        "from", "to", "includePast", "limit", "offset", "facets", "order", "page", "lang", "form",
    ]

    public init(parameters: [String: String], language: WebLanguage, base: String) {
        self.parameters = parameters
        self.language = language
        self.base = base
    }
}
