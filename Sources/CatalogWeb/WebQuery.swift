import CatalogCore
import CatalogSearch
import Foundation

/// A search page's parameters: the `/v1/search` parameters (the same `SearchQuery`, so the page
/// searches as the API and the CLI do), the page number and the language. Empty form fields count
/// as absent, since a browser sends every field of the form.
struct WebQuery {
    static let pageSize = 20
    static let maxPage = 500

    /// The parameters as given, empty ones and `lang` and `page` left out.
    let parameters: [String: String]
    let page: Int
    /// The page these parameters are for: `/`, or an origin's page.
    let path: String

    init(_ raw: [String: String], language: WebLanguage, path: String = "/") throws {
        self.path = path
        var parameters = raw.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        parameters["lang"] = nil
        let pageText = parameters.removeValue(forKey: "page")
        guard let page = pageText.map({ Int($0) }) ?? 1, (1...Self.maxPage).contains(page) else {
            throw WebProblem(
                language == .de
                    ? "Die Seitenzahl muss eine Zahl von 1 bis \(Self.maxPage) sein."
                    : "The page number must be a number from 1 to \(Self.maxPage).")
        }
        for (name, vocabulary, german, english) in [
            ("kind", Vocabularies.kinds, "keine bekannte Angebotsart", "a known kind of offering"),
            ("topic", Vocabularies.topics, "kein bekanntes Technologiefeld", "a known technology field"),
            ("region", Vocabularies.regions, "keine bekannte Region", "a known region"),
            ("language", Vocabularies.languages, "keine bekannte Sprache", "a known language"),
            ("mode", Vocabularies.modes, "keine bekannte Durchführungsart", "a known format"),
        ] {
            if let value = parameters[name], vocabulary.resolve(value) == nil {
                let shown = SafeText.excerpt(value, limit: 60)
                throw WebProblem(language == .de ? "„\(shown)“ ist \(german)." : "'\(shown)' is not \(english).")
            }
        }
        for name in ["from", "to"] {
            if let value = parameters[name], CatalogDate(reading: value) == nil {
                let shown = SafeText.excerpt(value, limit: 40)
                throw WebProblem(
                    language == .de
                        ? "„\(shown)“ ist kein Datum (TT.MM.JJJJ)." : "'\(shown)' is not a date (YYYY-MM-DD).")
            }
        }
        self.parameters = parameters
        self.page = page
    }

    /// The search this page runs: public entries only, one page, with facet counts.
    func searchQuery() throws -> SearchQuery {
        var query = try SearchQuery(parameters: parameters)
        query.limit = Self.pageSize
        query.offset = (page - 1) * Self.pageSize
        query.facets = true
        query.includeLocal = false
        return query
    }

    /// The address of this search with `changes` applied (nil removes a parameter), on `page`.
    func href(_ changes: [String: String?] = [:], page: Int = 1, language: WebLanguage, path: String? = nil) -> String {
        let path = path ?? self.path
        var values = parameters
        for (name, value) in changes { values[name] = value }
        var items = values.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        if page > 1 { items.append(URLQueryItem(name: "page", value: String(page))) }
        items.append(URLQueryItem(name: "lang", value: language.rawValue))
        var components = URLComponents()
        components.path = path
        components.queryItems = items
        // `+` in a value must stay a plus, not become a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.string ?? path
    }
}

/// A bad parameter, said in the page's language: answered with a 400 page.
struct WebProblem: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
