import CatalogCore

/// One filter a search can set, named as `GET /v1/search` names its parameter. Front ends word
/// them their own way (the CLI as its options, the HTTP API as its parameters).
public enum SearchFilter: String, CaseIterable, Sendable {
    case type, kind, topic, region, origin, mode, language, audience, free, maxPrice, city, from, to
}

extension SearchQuery {
    /// The filters this query sets, in `SearchFilter` order.
    public var filters: [SearchFilter] {
        SearchFilter.allCases.filter(isSet)
    }

    public func isSet(_ filter: SearchFilter) -> Bool {
        switch filter {
        case .type: type != nil
        case .kind: kind != nil
        case .topic: topic != nil
        case .region: region != nil
        case .origin: origin != nil
        case .mode: mode != nil
        case .language: language != nil
        case .audience: audience != nil
        case .free: freeOnly
        case .maxPrice: maxPrice != nil
        case .city: city != nil
        case .from: from != nil
        case .to: to != nil
        }
    }

    /// This query without `filter`.
    public func removing(_ filter: SearchFilter) -> SearchQuery {
        var query = self
        switch filter {
        case .type: query.type = nil
        case .kind: query.kind = nil
        case .topic: query.topic = nil
        case .region: query.region = nil
        case .origin: query.origin = nil
        case .mode: query.mode = nil
        case .language: query.language = nil
        case .audience: query.audience = nil
        case .free: query.freeOnly = false
        case .maxPrice: query.maxPrice = nil
        case .city: query.city = nil
        case .from: query.from = nil
        case .to: query.to = nil
        }
        return query
    }
}
