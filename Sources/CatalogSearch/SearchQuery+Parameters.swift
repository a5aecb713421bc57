import CatalogCore

/// A search as URL query parameters, for `GET /v1/search` and `search --remote`.
extension SearchQuery {
    public var parameters: [(String, String)] {
        var out: [(String, String)] = [("q", text)]
        func add(_ name: String, _ value: String?) { if let value { out.append((name, value)) } }
        add("type", type?.rawValue)
        add("kind", kind)
        add("topic", topic)
        add("region", region)
        add("origin", origin)
        add("mode", mode?.rawValue)
        add("language", language)
        add("audience", audience)
        if freeOnly { out.append(("free", "true")) }
        add("maxPrice", maxPrice.map { String($0) })
        add("city", city)
        add("from", from?.text)
        add("to", to?.text)
        if includePast { out.append(("includePast", "true")) }
        out.append(("limit", String(limit)))
        out.append(("offset", String(offset)))
        if facets { out.append(("facets", "true")) }
        if order != .relevance { out.append(("order", order.rawValue)) }
        return out
    }

    /// Reads the parameters `parameters` writes; throws naming the first bad one.
    public init(parameters: [String: String]) throws {
        func flag(_ name: String) throws -> Bool {
            switch parameters[name]?.lowercased() {
            case nil, "false", "0": return false
            case "true", "1", "": return true
            default: throw CatalogError(.invalidInput, "\(name) must be true or false")
            }
        }
        func number(_ name: String, default value: Int) throws -> Int {
            guard let text = parameters[name] else { return value }
            guard let number = Int(text) else { throw CatalogError(.invalidInput, "\(name) must be a whole number") }
            return number
        }
        func date(_ name: String) throws -> CatalogDate? {
            guard let text = parameters[name] else { return nil }
            guard let date = CatalogDate(reading: text) else {
                throw CatalogError(.invalidInput, "\(name) must be a real date, YYYY-MM-DD or DD.MM.YYYY")
            }
            return date
        }
        func mode() throws -> SessionMode? {
            guard let text = parameters["mode"] else { return nil }
            guard let mode = SessionMode(named: text) else {
                throw CatalogError(.invalidInput, "mode must be one of \(SessionMode.allowedValues)")
            }
            return mode
        }
        func closed<T: ClosedSetDecodable>(_ name: String, _ type: T.Type) throws -> T? {
            guard let text = parameters[name] else { return nil }
            guard let value = T.parse(text) else {
                throw CatalogError(.invalidInput, "\(name) must be one of \(T.allowedValues)")
            }
            return value
        }
        self.init(
            text: parameters["q"] ?? "", type: try closed("type", EntryType.self), kind: parameters["kind"],
            topic: parameters["topic"], region: parameters["region"], origin: parameters["origin"],
            mode: try mode(), language: parameters["language"],
            audience: parameters["audience"],
            freeOnly: try flag("free"), from: try date("from"), to: try date("to"),
            includePast: try flag("includePast"),
            limit: try number("limit", default: 20), offset: try number("offset", default: 0),
            facets: try flag("facets"))
        order = try closed("order", SearchOrder.self) ?? .relevance
        city = parameters["city"]
        if let text = parameters["maxPrice"] {
            // A number as programs write it: digits and one decimal point (450, 1250.50).
            guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let amount = Double(text),
                amount.isFinite
            else {
                throw CatalogError(.invalidInput, "maxPrice must be an amount of euros such as 450 or 1250.50")
            }
            maxPrice = amount
        }
    }
}
