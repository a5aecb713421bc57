import CatalogCore
import CatalogNode
import CatalogReports
import CatalogSearch
import CatalogWire
import Foundation

/// Subscriptions to a search, with the search page's parameters: `/calendar.ics?…` is the sessions
/// of its trainings as a live iCalendar feed, `/feed.atom?…` its entries as Atom 1.0, those new or
/// changed at this node most recently first, and `/catalog.jsonld?…` its entries as schema.org
/// JSON-LD. All search as the page does (public entries only), except that they never fall back to
/// entries with any of the words when none has all: a subscriber would get floods unasked.
enum SearchFeeds {
    /// Entries in a feed.
    static let feedSize = 50
    /// Entries in a calendar or a JSON-LD download, found in pages of the search's largest page.
    static let downloadEntries = 1_000

    struct Links {
        let calendar: String
        let webcal: String
        let feed: String
    }

    /// The subscription addresses of the search `query`, as absolute URLs.
    static func links(_ query: WebQuery, request: WebRequest) -> Links {
        let calendar = request.base + query.href(language: request.language, path: "/calendar.ics")
        let webcal = "webcal" + calendar.drop { $0 != ":" }
        return Links(
            calendar: calendar, webcal: webcal,
            feed: request.base + query.href(language: request.language, path: "/feed.atom"))
    }

    static func calendar(node: Node, request: WebRequest, now: Date = Date()) async throws -> WebPage {
        try await download(node: node, request: request, trainingsOnly: true, now: now) { items, search in
            let name = [search.text, node.config.displayName].filter { !$0.isEmpty }.joined(separator: " · ")
            return ("text/calendar; charset=utf-8", ICalendarExport.render(items, calendarName: name))
        }
    }

    /// `/catalog.jsonld?…`: the entries a search finds as schema.org JSON-LD.
    static func jsonLD(node: Node, request: WebRequest, now: Date = Date()) async throws -> WebPage {
        try await download(node: node, request: request, trainingsOnly: false, now: now) { items, _ in
            ("application/ld+json; charset=utf-8", String(decoding: try JSONLDExport.render(items), as: UTF8.self))
        }
    }

    /// The public entries a search finds (at most `downloadEntries`, page by page), written by `write`.
    static func download(
        node: Node, request: WebRequest, trainingsOnly: Bool, now: Date,
        write: ([ICalendarExport.Item], SearchQuery) throws -> (contentType: String, body: String)
    ) async throws -> WebPage {
        let language = request.language
        var search: SearchQuery
        do {
            search = try WebQuery(request.parameters, language: language).searchQuery()
        } catch let problem as WebProblem {
            return ErrorPage.badRequest(node: node, message: problem.message, language: language)
        } catch let error as CatalogError {
            return ErrorPage.badRequest(node: node, message: error.message, language: language)
        }
        if trainingsOnly { search.type = .training }
        search.allWordsOnly = true
        search.offset = 0
        let origins = try await OriginDirectory(node: node, now: now)
        let hits: [SearchResponse.Hit]
        do {
            hits = try await Searcher(node: node).hits(of: search, count: downloadEntries, now: now)
        } catch let error as CatalogError where error.code == .invalidInput {
            return ErrorPage.badRequest(node: node, message: error.message, language: language)
        }
        let items = hits.map {
            ICalendarExport.Item(
                origin: $0.origin, organizerName: origins.info($0.origin).displayName, seq: $0.seq,
                updated: $0.updated, entry: $0.entry)
        }
        let (contentType, body) = try write(items, search)
        return WebPage(status: 200, language: language, contentType: contentType, body: body)
    }

    static func atom(node: Node, request: WebRequest, now: Date = Date()) async throws -> WebPage {
        let language = request.language
        let query: WebQuery
        var search: SearchQuery
        do {
            query = try WebQuery(request.parameters, language: language)
            search = try query.searchQuery()
        } catch let problem as WebProblem {
            return ErrorPage.badRequest(node: node, message: problem.message, language: language)
        } catch let error as CatalogError {
            return ErrorPage.badRequest(node: node, message: error.message, language: language)
        }
        search.order = .newest
        search.allWordsOnly = true
        search.facets = false
        search.limit = feedSize
        search.offset = 0
        let response: SearchResponse
        do {
            response = try await Searcher(node: node).search(search, explainingEmpty: false, now: now)
        } catch let error as CatalogError where error.code == .invalidInput {
            return ErrorPage.badRequest(node: node, message: error.message, language: language)
        }
        let origins = try await OriginDirectory(node: node, now: now)
        let t = WebText.strings(language)
        let links = links(query, request: request)
        let page = request.base + query.href(language: language)
        var context: [String: Any] = [
            "lang": language.rawValue, "feedID": page, "selfHref": links.feed, "pageHref": page,
            "nodeName": node.config.displayName,
            "title": [search.text, node.config.displayName].filter { !$0.isEmpty }.joined(separator: " · "),
            "subtitle": t["subscribeFeed"] ?? "",
        ]
        // An origin signs its entries' `updated`; one in the future would pin the feed's and the
        // entry's time there, so no time after now is shown.
        let nowText = Timestamp.format(now)
        func shown(_ updated: String) -> String {
            Timestamp.parse(updated).map { $0 > now ? nowText : updated } ?? updated
        }
        context["items"] = response.hits.map { hit in
            let summaryParts = [
                SearchPage.typeLabel(hit.entry, language: language, t: t),
                hit.next.flatMap { WebFormat.instant($0.start, language) }.map {
                    "\(t["nextDate"] ?? ""): \($0)\(hit.next?.city.map { ", \($0)" } ?? "")"
                },
                hit.entry.summary?.preferred(language.rawValue),
            ]
            return [
                "href": request.base + EntryPage.href(origin: hit.origin, id: hit.id, language: language),
                "title": hit.entry.title.preferred(language.rawValue) ?? hit.id, "updated": shown(hit.updated),
                "originName": origins.info(hit.origin).displayName,
                "categories": hit.entry.topics.map {
                    ["term": $0, "label": WebFormat.label(Vocabularies.topics, $0, language)]
                },
                "summary": summaryParts.compactMap { $0 }.joined(separator: " · "),
            ] as [String: Any]
        }
        // The feed changed when its newest entry did; an empty feed, now.
        let newest = response.hits.max {
            (Timestamp.parse($0.updated) ?? .distantPast) < (Timestamp.parse($1.updated) ?? .distantPast)
        }
        context["updated"] = newest.map { shown($0.updated) } ?? nowText
        // XML 1.0 allows no control characters and neither U+FFFE nor U+FFFF; entries and the
        // search text may hold the latter two, so every such character is dropped from the feed.
        let body = String(
            String.UnicodeScalarView(
                WebTemplates.render(context, "atom").unicodeScalars.filter(Self.isXMLCharacter)))
        return WebPage(
            status: 200, language: language, contentType: "application/atom+xml; charset=utf-8", body: body)
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
