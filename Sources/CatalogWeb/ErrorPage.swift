import CatalogNode

/// The 404 and 400 pages, in the reader's language.
enum ErrorPage {
    static func notFound(node: Node, language: WebLanguage) -> WebPage {
        let message =
            language == .de
            ? "Diesen Eintrag oder diese Seite gibt es hier nicht (mehr)."
            : "This entry or page does not exist here (any more)."
        return page(node: node, status: 404, titleKey: "notFound", message: message, language: language)
    }

    static func badRequest(node: Node, message: String, language: WebLanguage) -> WebPage {
        page(node: node, status: 400, titleKey: "badRequest", message: message, language: language)
    }

    private static func page(node: Node, status: Int, titleKey: String, message: String, language: WebLanguage)
        -> WebPage
    {
        var context = PageFrame.context(
            language: language, nodeName: node.config.displayName,
            title: WebText.strings(language)[titleKey] ?? "", switchHref: "/?lang=\(language.other.rawValue)")
        context["message"] = message
        return WebPage(status: status, language: language, html: WebTemplates.render(context, "error"))
    }
}

extension WebPage {
    /// The 404 page, for routes the web catalog answers.
    public static func notFound(node: Node, language: WebLanguage) -> WebPage {
        ErrorPage.notFound(node: node, language: language)
    }
}
