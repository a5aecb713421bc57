import CatalogCore

/// The answer of a search, as `GET /v1/search` serves it and `search --json` prints it.
public struct SearchResponse: Codable, Sendable {
    public struct Next: Codable, Sendable, Equatable {
        /// UTC start of the next session that is not cancelled or over.
        public let start: String
        public let city: String?

        public init(start: String, city: String?) {
            self.start = start
            self.city = city
        }
    }

    public struct Hit: Codable, Sendable {
        public let origin: String
        public let id: String
        public let seq: Int64
        public let updated: String
        /// Whether the entry's signature verified just now under a key this node trusts for its origin.
        public let verified: Bool
        /// The peer it came through; absent for the answering node's own entries.
        public let viaPeer: String?
        /// bm25 relevance; lower is better, 0 without search text.
        public let score: Double
        public let next: Next?
        public let entry: Entry

        public init(
            origin: String, id: String, seq: Int64, updated: String, verified: Bool, viaPeer: String?, score: Double,
            next: Next?, entry: Entry
        ) {
            self.origin = origin
            self.id = id
            self.seq = seq
            self.updated = updated
            self.verified = verified
            self.viaPeer = viaPeer
            self.score = score
            self.next = next
            self.entry = entry
        }
    }

    /// How many of the matches share one value of a facet.
    public struct Facet: Codable, Sendable, Equatable {
        public let value: String
        public let count: Int

        public init(value: String, count: Int) {
            self.value = value
            self.count = count
        }
    }

    /// What to try when nothing matched, for a program to act on; `hint` says the same in words.
    public struct Suggestion: Codable, Sendable, Equatable {
        /// An open set: a client meets actions a newer node adds as values it does not know, not as
        /// an answer it cannot read.
        public struct Action: RawRepresentable, Codable, Sendable, Equatable, Hashable {
            public let rawValue: String

            public init(rawValue: String) {
                self.rawValue = rawValue
            }

            /// Leave out `filter` (a `/v1/search` parameter name): `matches` entries match then.
            public static let dropFilter = Action(rawValue: "drop-filter")
            /// Ask for past entries too: `matches` entries match then.
            public static let includePast = Action(rawValue: "include-past")
            public static let otherWords = Action(rawValue: "other-words")
            public static let fewerFilters = Action(rawValue: "fewer-filters")
        }

        public let action: Action
        public let filter: String?
        public let matches: Int?

        public init(action: Action, filter: String? = nil, matches: Int? = nil) {
            self.action = action
            self.filter = filter
            self.matches = matches
        }
    }

    public let total: Int
    public let offset: Int
    public let limit: Int
    /// False when no entry had every word, and entries with any of them are listed instead.
    public let matchedAllWords: Bool
    public let hits: [Hit]
    /// Counts by `kind`, `topic`, `region`, `origin`, `mode` and `month`, when asked for.
    public let facets: [String: [Facet]]?
    /// When nothing matches: what to try instead, in the words of the front end that answered.
    public let hint: String?
    public let suggestion: Suggestion?

    public init(
        total: Int, offset: Int, limit: Int, matchedAllWords: Bool, hits: [Hit], facets: [String: [Facet]]?,
        hint: String?, suggestion: Suggestion?
    ) {
        self.total = total
        self.offset = offset
        self.limit = limit
        self.matchedAllWords = matchedAllWords
        self.hits = hits
        self.facets = facets
        self.hint = hint
        self.suggestion = suggestion
    }
}
