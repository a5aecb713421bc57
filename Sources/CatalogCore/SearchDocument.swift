import Foundation

/// What the search index holds of one entry: folded text per column (ranked by `columnWeights`),
/// the values it can be filtered and counted by, and its sessions as UTC instants.
public struct SearchDocument: Sendable, Equatable {
    /// The full-text columns, in index order.
    public enum Column: String, CaseIterable, Sendable {
        case title, summary, keywords, labels, organizer, location, description
    }

    /// bm25 weights per column, in `Column` order: a title match outranks a description match.
    public static let columnWeights: [Double] = [10, 4, 5, 3, 2, 2, 1]

    public struct Session: Sendable, Equatable {
        /// `Timestamp` text (UTC), so that instants compare as text.
        public let start: String
        public let end: String
        public let mode: SessionMode
        public let city: String?
        public let region: String?
        /// The Berlin calendar month it starts in, `2027-03`.
        public let month: String
        public let cancelled: Bool
    }

    public let type: EntryType
    public let kind: String?
    /// Free of charge, or free for members.
    public let free: Bool
    /// The price in euros, when it is one (0 when free); nil for other currencies and no price.
    public let priceInEuros: Double?
    public let validUntil: String?
    /// Folded text, one per `Column`.
    public let columns: [String]
    /// The folded words of the entry's English texts and labels: the words the English stemmer
    /// is applied to (`search_stem`); every word meets German inflections through its German stem.
    public let englishWords: [String]
    /// Filter and facet values: `topic`, `region` (the entry's and its sessions'), `entry-region`
    /// (the entry's alone), `language`, `audience`, `mode`.
    public let tags: [Tag]
    public let sessions: [Session]

    public struct Tag: Sendable, Equatable, Hashable {
        public let facet: String
        public let value: String
    }

    public init(_ entry: Entry) {
        type = entry.type
        kind = entry.kind
        free = entry.price.map { $0.isFree || $0.freeForMembers == true } ?? false
        priceInEuros = entry.price.flatMap { price in
            price.isFree ? 0 : (price.currency ?? "EUR") == "EUR" ? price.amount.flatMap(Double.init) : nil
        }
        validUntil = entry.validUntil?.text

        func texts(_ text: LocalizedText?) -> String {
            text?.values.keys.sorted().compactMap { text?.values[$0] }.joined(separator: " ") ?? ""
        }
        // Labels in both languages; for kinds and formats also the short forms ("Fortbildung",
        // "Lehrgang"). A technology field's short forms stay out: "Messtechnik", "Umwelttechnik"
        // would make every entry of their fields match "technik".
        func labels(_ ids: [String], _ vocabulary: Vocabulary, shortForms: Bool = false) -> [String] {
            ids.flatMap { id in
                vocabulary.term(id).map { [$0.de, $0.en] + (shortForms ? $0.short ?? [] : []) } ?? [id]
            }
        }
        func englishLabels(_ ids: [String], _ vocabulary: Vocabulary) -> [String] {
            ids.compactMap { vocabulary.term($0)?.en }
        }
        var labelTexts = labels(entry.topics, Vocabularies.topics)
        labelTexts += labels(entry.kind.map { [$0] } ?? [], Vocabularies.kinds, shortForms: true)
        labelTexts += labels(entry.format.map { [$0] } ?? [], Vocabularies.formats, shortForms: true)
        labelTexts += entry.type == .training ? ["Weiterbildung Fortbildung Schulung Training Kurs"] : []
        var english = [entry.title["en"], entry.summary?["en"], entry.description?["en"]].compactMap { $0 }
        english += englishLabels(entry.topics, Vocabularies.topics)
        english += englishLabels(entry.kind.map { [$0] } ?? [], Vocabularies.kinds)
        english += englishLabels(entry.format.map { [$0] } ?? [], Vocabularies.formats)
        english += entry.type == .training ? ["Training Course"] : []
        englishWords = SearchText.words(english.joined(separator: " ")).uniqued()
        var places = entry.sessions.flatMap { [$0.location?.name, $0.location?.city].compactMap { $0 } }
        let regionCodes = (entry.regions + entry.sessions.compactMap { $0.location?.region }).uniqued()
        places += labels(regionCodes, Vocabularies.regions)
        let raw = [
            texts(entry.title), texts(entry.summary), entry.keywords.joined(separator: " "),
            labelTexts.joined(separator: " "), entry.organizer ?? "", places.uniqued().joined(separator: " "),
            texts(entry.description),
        ]
        columns = raw.map(SearchText.fold)

        sessions = entry.sessions.map { session in
            Session(
                start: Timestamp.format(session.start.instant), end: Timestamp.format(session.end.instant),
                mode: session.mode, city: session.location?.city, region: session.location?.region,
                month: Self.berlinMonth(session.start.instant), cancelled: session.isCancelled)
        }
        var tags: [Tag] = []
        tags += entry.topics.map { Tag(facet: "topic", value: $0) }
        tags += regionCodes.map { Tag(facet: "region", value: $0) }
        // The entry's own regions apart from its sessions' places: a session without a place
        // (online) is in the entry's regions.
        tags += entry.regions.map { Tag(facet: "entry-region", value: $0) }
        tags += (entry.languages + entry.sessions.compactMap(\.language)).uniqued().map {
            Tag(facet: "language", value: $0)
        }
        tags += entry.audience.map { Tag(facet: "audience", value: $0) }
        tags += entry.sessions.map(\.mode.rawValue).uniqued().map { Tag(facet: "mode", value: $0) }
        self.tags = tags.uniqued()
    }

    /// `2027-03`: the Berlin calendar month of an instant.
    static func berlinMonth(_ instant: Date) -> String {
        String(CivilCalendar.berlinDay(of: instant).prefix(7))
    }
}
