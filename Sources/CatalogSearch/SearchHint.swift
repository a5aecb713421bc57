import CatalogWire

/// What to try when a search finds nothing. It names filters, not a front end's words for them:
/// each front end words it with its own `SearchHint.Wording`.
public enum SearchHint: Sendable, Equatable {
    /// Without this filter, `matches` entries match (the first filter, in order, for which any do).
    case dropFilter(SearchFilter, matches: Int)
    /// With past entries included, `matches` entries match.
    case includePast(matches: Int)
    /// No filter was set: other or fewer words may find something.
    case otherWords
    case fewerFilters

    /// How a front end names a filter and the switch that includes past entries.
    public struct Wording: Sendable {
        public let filter: @Sendable (SearchFilter) -> String
        public let includePast: String

        public init(filter: @escaping @Sendable (SearchFilter) -> String, includePast: String) {
            self.filter = filter
            self.includePast = includePast
        }

        /// The words of `GET /v1/search`: its parameter names.
        public static let parameters = Wording(filter: { $0.rawValue }, includePast: "includePast=true")
    }

    public func text(_ wording: Wording) -> String {
        func entries(_ count: Int) -> String { count == 1 ? "entry matches" : "entries match" }
        switch self {
        case .dropFilter(let filter, let matches):
            return "without \(wording.filter(filter)), \(matches) \(entries(matches))"
        case .includePast(let matches): return "\(matches) past \(entries(matches)); add \(wording.includePast)"
        case .otherWords: return "try other or fewer words"
        case .fewerFilters: return "try fewer filters or other words"
        }
    }

    /// The hint as the search answer carries it for programs.
    public var suggestion: SearchResponse.Suggestion {
        switch self {
        case .dropFilter(let filter, let matches): .init(action: .dropFilter, filter: filter.rawValue, matches: matches)
        case .includePast(let matches): .init(action: .includePast, matches: matches)
        case .otherWords: .init(action: .otherWords)
        case .fewerFilters: .init(action: .fewerFilters)
        }
    }

    /// The hint a search answer's suggestion stands for; nil when it names an action or filter
    /// this version does not know.
    public init?(_ suggestion: SearchResponse.Suggestion) {
        switch suggestion.action {
        case .dropFilter:
            guard let filter = suggestion.filter.flatMap(SearchFilter.init(rawValue:)) else { return nil }
            self = .dropFilter(filter, matches: suggestion.matches ?? 0)
        case .includePast: self = .includePast(matches: suggestion.matches ?? 0)
        case .otherWords: self = .otherWords
        case .fewerFilters: self = .fewerFilters
        default: return nil
        }
    }
}
