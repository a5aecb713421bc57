/// A rendered page: its status and HTML, and the language it is in.
public struct WebPage: Sendable {
    public let status: Int
    public let language: WebLanguage
    public let html: String

    /// The policy every page is served with: nothing but the node's own stylesheet and images,
    /// no scripts, forms only to the node, and no framing.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
        + "frame-ancestors 'none'"

    /// The stylesheet every page links, at `/static/catalog.css`.
    public static var stylesheet: [UInt8] { PackageResources.catalog_css }
}

/// What every page's head and foot need: the node's name, the language and its switch, the title.
enum PageFrame {
    static func context(
        language: WebLanguage, nodeName: String, title: String, switchHref: String, jsonLD: String? = nil
    ) -> [String: Any] {
        var context: [String: Any] = [
            "lang": language.rawValue, "otherLang": language.other.rawValue, "t": WebText.strings(language),
            "nodeName": nodeName, "title": title, "switchHref": switchHref,
        ]
        if let jsonLD { context["jsonLD"] = jsonLD }
        return context
    }
}
