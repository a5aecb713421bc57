import CatalogCore
import CatalogNode
import CatalogReports
import CatalogSearch
import CatalogWire
import Foundation

/// `GET /`: the search form, the results with their next date and city, facet links and paging.
/// It runs the same `Searcher` as the CLI and `GET /v1/search`.
enum SearchPage {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Select {
        let name: String
        let label: String
        let options: [Option]
    }

    struct Hit {
        let href: String
        let title: String
        let typeLabel: String
        let originName: String
        let nextDate: String?
        let summary: String?
    }

    struct FacetValue {
        let href: String
        let label: String
        let count: String
    }

    struct Facet {
        let label: String
        let values: [FacetValue]
    }

    static func render(node: Node, request: WebRequest, now: Date = Date()) async throws -> WebPage {
        let language = request.language
        let query: WebQuery
        let search: SearchQuery
        do {
            query = try WebQuery(request.parameters, language: language)
            search = try query.searchQuery()
        } catch let problem as WebProblem {
            return ErrorPage.badRequest(node: node, message: problem.message, language: language)
        } catch let error as CatalogError {
            return ErrorPage.badRequest(node: node, message: error.message, language: language)
        }
        let response: SearchResponse
        do {
            response = try await Searcher(node: node).search(search, now: now)
        } catch let error as CatalogError where error.code == .invalidInput {
            return ErrorPage.badRequest(node: node, message: error.message, language: language)
        }
        let origins = try await OriginDirectory(node: node, now: now)
        let t = WebText.strings(language)

        let links = SearchFeeds.links(query, request: request)
        var context = PageFrame.context(
            language: language, nodeName: node.config.displayName, title: t["searchHeading"] ?? "",
            switchHref: query.href(page: query.page, language: language.other), feedHref: links.feed)
        context["subscribe"] = links
        context["q"] = search.text
        context["from"] = search.from?.text ?? ""
        context["to"] = search.to?.text ?? ""
        context["free"] = search.freeOnly
        context["selects"] = selects(search, language: language, t: t)
        context.merge(results(response, query: query, origins: origins, language: language, t: t)) { $1 }
        if let suggestion = response.suggestion, let hint = SearchHint(suggestion) {
            context["hint"] = true
            context["hintText"] = hintText(hint, language: language, t: t)
            context["hintHref"] = hintHref(hint, query: query, language: language)
        }
        let facets = facetLists(response, query: query, origins: origins, language: language, t: t)
        context["facets"] = facets
        context["hasFacets"] = !facets.isEmpty
        return WebPage(status: 200, language: language, html: WebTemplates.render(context, "search"))
    }

    /// What the `hits` partial shows: the hits, the count and the paging links.
    static func results(
        _ response: SearchResponse, query: WebQuery, origins: OriginDirectory, language: WebLanguage,
        t: [String: String]
    ) -> [String: Any] {
        let hits = response.hits.map { hit(for: $0, origins: origins, language: language, t: t) }
        var context: [String: Any] = [
            "hits": hits, "hasHits": !hits.isEmpty, "first": response.offset + 1,
            "countText": countText(response, language: language),
        ]
        let previous = query.page > 1 ? query.href(page: query.page - 1, language: language) : nil
        let next =
            response.offset + response.hits.count < response.total && query.page < WebQuery.maxPage
            ? query.href(page: query.page + 1, language: language) : nil
        if previous != nil || next != nil {
            context["paging"] = true
            context["previousHref"] = previous
            context["nextHref"] = next
        }
        return context
    }

    static func selects(_ query: SearchQuery, language: WebLanguage, t: [String: String]) -> [Select] {
        func options(_ vocabulary: Vocabulary, selected: String?) -> [Option] {
            vocabulary.terms.map {
                Option(value: $0.id, label: $0.label(language.rawValue), selected: $0.id == selected)
            }
        }
        return [
            Select(
                name: "type", label: t["type"] ?? "",
                options: [
                    Option(value: "offering", label: t["offering"] ?? "", selected: query.type == .offering),
                    Option(value: "training", label: t["training"] ?? "", selected: query.type == .training),
                ]),
            Select(name: "kind", label: t["kind"] ?? "", options: options(Vocabularies.kinds, selected: query.kind)),
            Select(
                name: "topic", label: t["topic"] ?? "", options: options(Vocabularies.topics, selected: query.topic)),
            Select(
                name: "region", label: t["region"] ?? "",
                options: options(Vocabularies.regions, selected: query.region)),
            Select(
                name: "mode", label: t["mode"] ?? "",
                options: options(Vocabularies.modes, selected: query.mode?.rawValue)),
            Select(
                name: "language", label: t["language"] ?? "",
                options: options(Vocabularies.languages, selected: query.language)),
        ]
    }

    static func typeLabel(_ entry: Entry, language: WebLanguage, t: [String: String]) -> String {
        if entry.isTraining { return t["training"] ?? "" }
        return entry.kind.map { WebFormat.label(Vocabularies.kinds, $0, language) } ?? (t["offering"] ?? "")
    }

    static func hit(
        for hit: SearchResponse.Hit, origins: OriginDirectory, language: WebLanguage, t: [String: String]
    ) -> Hit {
        let entry = hit.entry
        var next: String?
        if let start = hit.next?.start, let when = WebFormat.instant(start, language) {
            next = when + (hit.next?.city.map { ", \($0)" } ?? "")
        }
        return Hit(
            href: EntryPage.href(origin: hit.origin, id: hit.id, language: language),
            title: entry.title.preferred(language.rawValue) ?? hit.id,
            typeLabel: typeLabel(entry, language: language, t: t),
            originName: origins.info(hit.origin).displayName, nextDate: next,
            summary: entry.summary?.preferred(language.rawValue).map { WebFormat.excerpt($0) })
    }

    static func countText(_ response: SearchResponse, language: WebLanguage) -> String {
        if response.total == 0 { return language == .de ? "Keine Einträge gefunden." : "No entries found." }
        let shown = "\(response.offset + 1)–\(response.offset + response.hits.count)"
        var text =
            language == .de
            ? "\(WebFormat.entries(response.total, language)) gefunden, \(shown) angezeigt."
            : "\(WebFormat.entries(response.total, language)) found, showing \(shown)."
        if !response.matchedAllWords {
            text +=
                language == .de
                ? " Kein Eintrag enthält alle Wörter; angezeigt sind Einträge mit einem davon."
                : " No entry has every word; entries with any of them are shown."
        }
        return text
    }

    static func filterName(_ filter: SearchFilter, t: [String: String]) -> String {
        switch filter {
        case .type: t["type"] ?? ""
        case .kind: t["kind"] ?? ""
        case .topic: t["topic"] ?? ""
        case .region: t["region"] ?? ""
        case .origin: t["provenance"] ?? ""
        case .mode: t["mode"] ?? ""
        case .language: t["language"] ?? ""
        case .audience: t["audience"] ?? ""
        case .free: t["free"] ?? ""
        case .maxPrice: t["maxPrice"] ?? "max. price"
        case .city: t["city"] ?? "city"
        case .from: t["from"] ?? ""
        case .to: t["to"] ?? ""
        }
    }

    static func hintText(_ hint: SearchHint, language: WebLanguage, t: [String: String]) -> String {
        switch (hint, language) {
        case (.dropFilter(let filter, let matches), .de):
            return "Ohne den Filter „\(filterName(filter, t: t))“: \(WebFormat.entries(matches, language))."
        case (.dropFilter(let filter, let matches), .en):
            return "Without the filter “\(filterName(filter, t: t))”: \(WebFormat.entries(matches, language))."
        case (.includePast(let matches), .de):
            return "Mit vergangenen Terminen: \(WebFormat.entries(matches, language))."
        case (.includePast(let matches), .en):
            return "With past dates: \(WebFormat.entries(matches, language))."
        case (.otherWords, .de): return "Versuchen Sie andere oder weniger Suchbegriffe."
        case (.otherWords, .en): return "Try other or fewer words."
        case (.fewerFilters, .de): return "Versuchen Sie weniger Filter oder andere Suchbegriffe."
        case (.fewerFilters, .en): return "Try fewer filters or other words."
        }
    }

    static func hintHref(_ hint: SearchHint, query: WebQuery, language: WebLanguage) -> String? {
        switch hint {
        case .dropFilter(let filter, _): return query.href([filter.rawValue: nil], language: language)
        case .includePast: return query.href(["includePast": "true"], language: language)
        case .otherWords, .fewerFilters: return nil
        }
    }

    /// Facet counts as links that narrow the search to that value.
    static func facetLists(
        _ response: SearchResponse, query: WebQuery, origins: OriginDirectory, language: WebLanguage,
        t: [String: String]
    ) -> [Facet] {
        guard let facets = response.facets, response.total > 0 else { return [] }
        var lists: [Facet] = []
        for (name, label) in [
            ("kind", t["kind"]), ("topic", t["topic"]), ("region", t["region"]), ("origin", t["provenance"]),
            ("mode", t["mode"]),
        ] {
            let values: [FacetValue] = (facets[name] ?? []).prefix(12).map { facet in
                let change: [String: String?]
                let shown: String
                switch name {
                case "kind" where facet.value == "training":
                    change = ["type": "training", "kind": nil]
                    shown = t["training"] ?? facet.value
                case "kind":
                    change = ["kind": facet.value]
                    shown = WebFormat.label(Vocabularies.kinds, facet.value, language)
                case "topic":
                    change = ["topic": facet.value]
                    shown = WebFormat.label(Vocabularies.topics, facet.value, language)
                case "region":
                    change = ["region": facet.value]
                    shown = WebFormat.label(Vocabularies.regions, facet.value, language)
                case "mode":
                    change = ["mode": facet.value]
                    shown = WebFormat.label(Vocabularies.modes, facet.value, language)
                default:
                    change = ["origin": facet.value]
                    shown = origins.info(facet.value).displayName
                }
                return FacetValue(
                    href: query.href(change, language: language), label: shown,
                    count: WebFormat.number(facet.count, language))
            }
            if !values.isEmpty { lists.append(Facet(label: label ?? name, values: values)) }
        }
        return lists
    }
}
