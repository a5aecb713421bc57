import CatalogCore
import CatalogNode
import CatalogReports
import CatalogSearch
import CatalogWire
import Foundation

/// `GET /embed?…`: a compact list of a search's results for an iframe on a cluster's own website,
/// with the search page's parameters and `limit` (1 to 20, default 10). Links open the node's pages
/// in a new tab. Only the sites the node's config names may frame it.
enum EmbedPage {
    static let defaultLimit = 10
    static let maxLimit = 20

    static func render(node: Node, request: WebRequest, now: Date = Date()) async throws -> WebPage {
        let language = request.language
        let query: WebQuery
        var search: SearchQuery
        do {
            var parameters = request.parameters
            let limitText = parameters.removeValue(forKey: "limit")
            guard let limit = limitText.map({ Int($0) }) ?? defaultLimit, (1...maxLimit).contains(limit) else {
                throw WebProblem(
                    language == .de
                        ? "limit muss eine Zahl von 1 bis \(maxLimit) sein."
                        : "limit must be a number from 1 to \(maxLimit).")
            }
            query = try WebQuery(parameters, language: language)
            search = try query.searchQuery()
            search.limit = limit
            search.offset = 0
            search.facets = false
        } catch let problem as WebProblem {
            return ErrorPage.badRequest(node: node, message: problem.message, language: language)
        } catch let error as CatalogError {
            return ErrorPage.badRequest(node: node, message: error.message, language: language)
        }
        let response: SearchResponse
        do {
            response = try await Searcher(node: node).search(search, explainingEmpty: false, now: now)
        } catch let error as CatalogError where error.code == .invalidInput {
            return ErrorPage.badRequest(node: node, message: error.message, language: language)
        }
        let origins = try await OriginDirectory(node: node, now: now)
        let t = WebText.strings(language)
        let hits = response.hits.map { SearchPage.hit(for: $0, origins: origins, language: language, t: t) }
        let context: [String: Any] = [
            "lang": language.rawValue, "t": t, "nodeName": node.config.displayName,
            "title": t["searchHeading"] ?? "", "hits": hits, "hasHits": !hits.isEmpty,
            "countText": SearchPage.countText(response, language: language),
            "moreHref": query.href(language: language),
        ]
        return WebPage(
            status: 200, language: language, contentType: WebPage.htmlType,
            body: WebTemplates.render(context, "embed"), framable: true)
    }
}
