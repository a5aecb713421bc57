import CatalogCore
import Foundation

/// What a user searches for: free text and filters. The text is reduced to folded words; no part
/// of it is ever passed to SQLite as query syntax.
public struct SearchQuery: Sendable, Codable, Equatable {
    public static let maxTextLength = 500
    public static let maxWords = 12
    public static let maxLimit = 200

    public var text: String
    public var type: EntryType?
    public var kind: String?
    public var topic: String?
    public var region: String?
    public var origin: String?
    public var mode: SessionMode?
    public var language: String?
    public var audience: String?
    /// Only entries that cost nothing (free, or free for members when `freeForMembers` counts).
    public var freeOnly: Bool
    /// Trainings with a session in this city (compared folded: "Muenchen" is München).
    public var city: String?
    /// Only entries that cost at most this many euros (free ones, and those free for members, too).
    public var maxPrice: Double?
    /// Trainings with a session overlapping [from, to] (Berlin calendar days, inclusive).
    public var from: CatalogDate?
    public var to: CatalogDate?
    public var includePast: Bool
    public var limit: Int
    public var offset: Int
    public var facets: Bool
    /// Whether the node's local (members-only) entries are searched too: yes for the node's own users,
    /// never for a query that arrives over the network.
    public var includeLocal: Bool
    /// Best match first, or the entries this node stored most recently first (for feeds).
    public var order: SearchOrder = .relevance
    /// Leaves out one origin's entries: for offerings related to one of its own, from elsewhere.
    public var excludingOrigin: String?
    /// Only entries with every word, never those with any of them when none has all: for what a
    /// subscriber gets unasked (feeds, calendars, watches), where one common word would flood it.
    public var allWordsOnly = false
    /// Only entries stored at this node after this change-feed position and up to `storedThrough`:
    /// what a watch has not seen yet, counted in the same statement as it is listed.
    public var storedAfter: Int64?
    public var storedThrough: Int64?

    public init(
        text: String = "", type: EntryType? = nil, kind: String? = nil, topic: String? = nil, region: String? = nil,
        origin: String? = nil, mode: SessionMode? = nil, language: String? = nil, audience: String? = nil,
        freeOnly: Bool = false, from: CatalogDate? = nil, to: CatalogDate? = nil, includePast: Bool = false,
        limit: Int = 20, offset: Int = 0, facets: Bool = false, includeLocal: Bool = false
    ) {
        self.text = text
        self.type = type
        self.kind = kind
        self.topic = topic
        self.region = region
        self.origin = origin
        self.mode = mode
        self.language = language
        self.audience = audience
        self.freeOnly = freeOnly
        self.from = from
        self.to = to
        self.includePast = includePast
        self.limit = limit
        self.offset = offset
        self.facets = facets
        self.includeLocal = includeLocal
    }

    /// The folded words to match, at most `maxWords`, each at most 64 characters.
    public var words: [String] {
        var seen = Set<String>()
        return Array(
            SearchText.words(text).map { String($0.prefix(64)) }.filter { seen.insert($0).inserted }
                .prefix(Self.maxWords))
    }

    /// Every problem with the query, as one line each, naming the option.
    public func problems() -> [String] {
        var problems: [String] = []
        if text.count > Self.maxTextLength {
            problems.append("the search text has \(text.count) characters; at most \(Self.maxTextLength)")
        }
        if let kind, !Vocabularies.kinds.contains(kind) {
            problems.append("kind " + Vocabularies.kinds.unknownValueMessage(kind, what: "a kind of offering"))
        }
        if let topic, !Vocabularies.topics.contains(topic) {
            problems.append("topic " + Vocabularies.topics.unknownValueMessage(topic, what: "a technology field"))
        }
        if let region, !Vocabularies.regions.contains(region) {
            problems.append("region " + Vocabularies.regions.unknownValueMessage(region, what: "a German state"))
        }
        if let language, !Vocabularies.languages.contains(language) {
            problems.append("language " + Vocabularies.languages.unknownValueMessage(language, what: "a language"))
        }
        if let audience, !Vocabularies.audiences.contains(audience) {
            problems.append("audience " + Vocabularies.audiences.unknownValueMessage(audience, what: "an audience"))
        }
        if let origin, !Slug.isValidOrigin(origin) { problems.append("origin '\(origin)' is not an origin name") }
        if let excludingOrigin, !Slug.isValidOrigin(excludingOrigin) {
            problems.append("origin '\(excludingOrigin)' is not an origin name")
        }
        if let from, let to, to < from { problems.append("to \(to) is before from \(from)") }
        if let city, city.count > 100 || SearchText.fold(city).isEmpty {
            problems.append("city must be a place name of at most 100 characters")
        }
        if let maxPrice, !(maxPrice >= 0 && maxPrice <= 1_000_000_000) {
            problems.append("maxPrice must be an amount of euros from 0")
        }
        if !(1...Self.maxLimit).contains(limit) { problems.append("limit must be 1 to \(Self.maxLimit)") }
        if offset < 0 || offset > 100_000 { problems.append("offset must be 0 to 100000") }
        return problems
    }

    /// Throws `CatalogError.invalidInput` listing every problem.
    public func validated() throws -> SearchQuery {
        var query = self
        // Labels and short forms in either language name their term: Medizintechnik, BW, Englisch.
        func resolved(_ value: String?, _ vocabulary: Vocabulary) -> String? {
            value.map { vocabulary.resolve($0) ?? $0 }
        }
        query.region = resolved(region, Vocabularies.regions)
        query.kind = resolved(kind, Vocabularies.kinds)
        query.topic = resolved(topic, Vocabularies.topics)
        query.language = resolved(language, Vocabularies.languages)
        query.audience = resolved(audience, Vocabularies.audiences)
        let problems = query.problems()
        guard problems.isEmpty else { throw CatalogError(.invalidInput, problems.joined(separator: "; ")) }
        return query
    }
}

/// The order of a search's hits.
public enum SearchOrder: String, Sendable, Codable, CaseIterable, ClosedSetDecodable {
    /// The best match first; ties (and searches without words) by the next session.
    case relevance
    /// The entries this node stored (new or changed) most recently first: what a feed shows.
    case newest
}
