import CatalogCore
import CatalogNode
import CatalogReports
import CatalogSearch
import CatalogWire
import Foundation

/// `GET /origins/{origin}`: one cluster's (or agency's) catalog as this node holds it: its level,
/// region and technology fields, how current the copy is (as the overview computes it), and its
/// entries, page by page.
enum OriginPage {
    static func href(_ origin: String, language: WebLanguage) -> String {
        "/origins/\(origin)?lang=\(language.rawValue)"
    }

    static func render(
        node: Node, origin: String, parameters raw: [String: String], language: WebLanguage, now: Date = Date()
    ) async throws -> WebPage {
        guard Slug.isValidOrigin(origin),
            let freshness = try await OverviewBuilder.freshness(of: origin, node: node, now: now)
        else { return ErrorPage.notFound(node: node, language: language) }
        let query: WebQuery
        var search: SearchQuery
        do {
            // Only the page number counts here; the catalog is shown whole.
            query = try WebQuery(raw.filter { $0.key == "page" }, language: language, path: "/origins/\(origin)")
            search = try query.searchQuery()
        } catch let problem as WebProblem {
            return ErrorPage.badRequest(node: node, message: problem.message, language: language)
        }
        search.origin = origin
        search.includePast = true
        let response = try await Searcher(node: node).search(search, explainingEmpty: false, now: now)
        let origins = try await OriginDirectory(node: node, now: now)
        let t = WebText.strings(language)

        var context = PageFrame.context(
            language: language, nodeName: node.config.displayName, title: freshness.displayName,
            switchHref: query.href(page: query.page, language: language.other))
        context.merge(SearchPage.results(response, query: query, origins: origins, language: language, t: t)) { $1 }
        context["levelLabel"] = levelLabel(freshness.level, language: language)
        if !freshness.region.isEmpty {
            context["regionLabel"] = WebFormat.label(Vocabularies.regions, freshness.region, language)
        }
        context["entryCount"] = WebFormat.number(freshness.live, language)
        let fields = (response.facets?["topic"] ?? []).prefix(8).map {
            WebFormat.label(Vocabularies.topics, $0.value, language)
        }
        if !fields.isEmpty { context["fieldsText"] = fields.joined(separator: ", ") }
        context["status"] = freshness.status
        context["freshnessText"] = freshnessText(
            freshness, isOwn: origin == node.origin, origins: origins, language: language)
        context["searchHref"] = "/?origin=\(origin)&lang=\(language.rawValue)"
        context["csvHref"] = "/origins/\(origin)/catalog.csv"
        return WebPage(status: 200, language: language, html: WebTemplates.render(context, "origin"))
    }

    static func levelLabel(_ level: String, language: WebLanguage) -> String {
        switch (NodeLevel(rawValue: level), language) {
        case (.cluster, .de): "Clusterorganisation"
        case (.cluster, .en): "Cluster organization"
        case (.agency, .de): "Landesclusteragentur"
        case (.agency, .en): "State cluster agency"
        case (.national, .de): "Nationales Clusterprogramm"
        case (.national, .en): "National cluster programme"
        case (nil, .de): "Herkunft ohne bestätigten Schlüssel"
        case (nil, .en): "Origin without a confirmed key"
        }
    }

    /// The overview's freshness status in a sentence.
    static func freshnessText(
        _ f: OverviewReport.Freshness, isOwn: Bool, origins: OriginDirectory, language: WebLanguage
    ) -> String {
        let issued = f.headIssued.flatMap { WebFormat.instant($0, language) }
        let expires = f.headExpires.flatMap { WebFormat.instant($0, language) }
        let via = f.viaPeer.map { origins.info($0).displayName }
        let de = language == .de
        var text: String
        switch f.status {
        case _ where isOwn:
            text = de ? "Aktuell: der eigene Katalog dieses Knotens." : "Current: this node's own catalog."
        case "ok":
            text =
                de
                ? "Aktuell: entspricht dem signierten Stand vom \(issued ?? "?")."
                : "Current: matches the signed state of \(issued ?? "?")."
        case "stale":
            text =
                de
                ? "Veraltet: der signierte Stand ist am \(expires ?? "?") abgelaufen."
                : "Stale: its signed state expired on \(expires ?? "?")."
        case "incomplete":
            text =
                de
                ? "Unvollständig: \(WebFormat.entries(f.missing, language)) des signierten Stands fehlen hier noch."
                : "Incomplete: \(WebFormat.entries(f.missing, language)) of its signed state are not here yet."
        case "differs":
            text =
                de
                ? "Weicht vom signierten Stand ab (eine Rücknahme ist noch nicht angekommen)."
                : "Differs from its signed state (a withdrawal has not arrived yet)."
        case "unverified":
            text =
                de
                ? "\(WebFormat.entries(f.unverified, language)) mit nicht bestätigter Signatur."
                : "\(WebFormat.entries(f.unverified, language)) with a signature not confirmed."
        case "untrusted":
            text =
                de
                ? "Kein Schlüssel dieser Herkunft ist diesem Knoten derzeit bestätigt."
                : "No key of this origin is confirmed to this node now."
        default:
            text = de ? "Noch kein Katalog empfangen." : "No catalog received yet."
        }
        if let via { text += de ? " Empfangen über \(via)." : " Received via \(via)." }
        return text
    }
}
