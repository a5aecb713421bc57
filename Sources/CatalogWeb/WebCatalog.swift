import CatalogCore
import CatalogNode
import CatalogReports
import CatalogStore
import Foundation

/// The web catalog's pages, as the server's routes ask for them.
public enum WebCatalog {
    /// `GET /`: search with the `/v1/search` parameters, `page` and `lang`.
    public static func searchPage(node: Node, request: WebRequest, now: Date = Date()) async throws -> WebPage {
        try await SearchPage.render(node: node, request: request, now: now)
    }

    /// `GET /entries/{origin}/{id}`.
    public static func entryPage(node: Node, origin: String, id: String, language: WebLanguage, now: Date = Date())
        async throws -> WebPage
    {
        try await EntryPage.render(node: node, origin: origin, id: id, language: language, now: now)
    }

    /// `GET /origins/{origin}`: one origin's catalog, `page` and `lang`.
    public static func originPage(node: Node, origin: String, request: WebRequest, now: Date = Date())
        async throws -> WebPage
    {
        try await OriginPage.render(
            node: node, origin: origin, parameters: request.parameters, language: request.language, now: now)
    }

    /// `GET /origins/{origin}/catalog.csv`: the origin's public entries in the columns `entries
    /// import` reads, one row per session; `form=excel` for German Excel's form.
    public static func originCSV(node: Node, origin: String, request: WebRequest) async throws -> WebPage {
        guard Slug.isValidOrigin(origin), try await node.store.originRow(origin) != nil else {
            return ErrorPage.notFound(node: node, language: request.language)
        }
        let form: CSVDocument.Form
        switch request.parameters["form"] {
        case nil, "standard": form = .standard
        case "excel": form = .excel
        case let other?:
            let shown = SafeText.excerpt(other, limit: 40)
            return ErrorPage.badRequest(
                node: node,
                message: request.language == .de
                    ? "„\(shown)“ ist keine Tabellenform (standard oder excel)."
                    : "'\(shown)' is not a table form (standard or excel).",
                language: request.language)
        }
        let export = try await Exporter.export(
            node: node, format: .csv, filter: ExportFilter(origin: origin), csvForm: form)
        return WebPage(
            status: 200, language: request.language, contentType: "text/csv; charset=utf-8; header=present",
            body: String(decoding: export.data, as: UTF8.self), download: "\(origin).csv")
    }

    /// `GET /embed`: a compact list of a search's results, for an iframe on a cluster's website.
    public static func embed(node: Node, request: WebRequest, now: Date = Date()) async throws -> WebPage {
        try await EmbedPage.render(node: node, request: request, now: now)
    }

    /// `GET /calendar.ics`: the sessions of the trainings a search finds, as iCalendar.
    public static func searchCalendar(node: Node, request: WebRequest, now: Date = Date()) async throws -> WebPage {
        try await SearchFeeds.calendar(node: node, request: request, now: now)
    }

    /// `GET /catalog.jsonld`: the entries a search finds as schema.org JSON-LD.
    public static func searchJSONLD(node: Node, request: WebRequest, now: Date = Date()) async throws -> WebPage {
        try await SearchFeeds.jsonLD(node: node, request: request, now: now)
    }

    /// `GET /dcat.jsonld`: the node's catalog described in DCAT-AP, for open-data portals.
    public static func dcat(node: Node, request: WebRequest, now: Date = Date()) async throws -> WebPage {
        let data = try await DCATExport.render(node: node, base: request.base, now: now)
        return WebPage(
            status: 200, language: request.language, contentType: "application/ld+json; charset=utf-8",
            body: String(decoding: data, as: UTF8.self))
    }

    /// `GET /feed.atom`: the entries a search finds, new or changed here most recently first, as Atom.
    public static func searchFeed(node: Node, request: WebRequest, now: Date = Date()) async throws -> WebPage {
        try await SearchFeeds.atom(node: node, request: request, now: now)
    }

    /// `GET /entries/{origin}/{id}/calendar.ics`: the training's sessions as iCalendar; nil when
    /// there is no public training with sessions there.
    public static func entryCalendar(node: Node, origin: String, id: String) async throws -> String? {
        guard let (stored, _, entry) = try await EntryPage.publicEntry(node: node, origin: origin, id: id),
            entry.isTraining, !entry.sessions.isEmpty
        else { return nil }
        let origins = try await OriginDirectory(node: node)
        let item = ICalendarExport.Item(
            origin: origin, organizerName: origins.info(origin).displayName, seq: stored.seq, updated: stored.updated,
            entry: entry)
        return ICalendarExport.render([item], calendarName: entry.title.preferred() ?? entry.id)
    }
}
