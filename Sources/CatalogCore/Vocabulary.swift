import Foundation

/// A controlled vocabulary shipped with the package as a data file in `Vocabularies/`:
/// stable slugs with German and English labels, and optional aliases older lists use.
public struct Vocabulary: Sendable, Decodable {
    public struct Term: Sendable, Decodable, Hashable {
        public let id: String
        public let de: String
        public let en: String
        /// Other names people use for the term ("MedTech"), matched like the labels.
        public let short: [String]?

        public func label(_ language: String) -> String { language == "en" ? en : de }
    }

    public let vocabulary: String
    public let description: String
    public let terms: [Term]
    /// Old spellings mapped to the current slug, e.g. `DE-BR` → `DE-BB`.
    public let aliases: [String: String]

    private let byID: [String: Term]
    /// Every name of every term, folded, to its slug (`foldedNames(terms:aliases:)`).
    private var foldedNames: [String: String]

    enum CodingKeys: String, CodingKey { case vocabulary, description, terms, aliases }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vocabulary = try c.decode(String.self, forKey: .vocabulary)
        description = try c.decode(String.self, forKey: .description)
        terms = try c.decode([Term].self, forKey: .terms)
        aliases = try c.decodeIfPresent([String: String].self, forKey: .aliases) ?? [:]
        byID = Dictionary(terms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        foldedNames = Self.foldedNames(terms: terms, aliases: aliases)
    }

    init(json bytes: [UInt8]) {
        do {
            self = try JSONDecoder().decode(Vocabulary.self, from: Data(bytes))
        } catch {
            // The files are compiled into the binary and checked by the tests: a failure here is a
            // packaging mistake, found on the first run of any test.
            preconditionFailure("bundled vocabulary does not decode: \(error)")
        }
    }

    public var ids: [String] { terms.map(\.id) }

    public func contains(_ id: String) -> Bool { byID[id] != nil }

    public func term(_ id: String) -> Term? { byID[id] }

    /// The current slug for `id`, following an alias.
    public func canonical(_ id: String) -> String { aliases[id] ?? id }
}

extension Vocabulary {
    /// The slug a person means by `text`: the slug itself, its German or English label, an old
    /// spelling (alias), or a short form (`BW` for `DE-BW`), compared case-, umlaut- and
    /// accent-insensitively ("medizintechnik", "Medical technology", "baden-wurttemberg"); nil when
    /// nothing matches exactly (`suggestions` then says what comes closest).
    public func resolve(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if contains(trimmed) { return trimmed }
        if let alias = aliases[trimmed] { return alias }
        let key = SearchText.fold(trimmed)
        guard !key.isEmpty else { return nil }
        return foldedNames[key]
    }

    /// Up to `limit` slugs whose names come closest to `text`, nearest first.
    public func suggestions(for text: String, limit: Int = 3) -> [String] {
        var idOfName: [String: String] = [:]
        for term in terms {
            for name in Self.names(of: term) where idOfName[name] == nil { idOfName[name] = term.id }
        }
        var ids: [String] = []
        for name in TextDistance.closest(to: text, among: Array(idOfName.keys).sorted(), limit: limit * 3) {
            if let id = idOfName[name], !ids.contains(id) { ids.append(id) }
        }
        return Array(ids.prefix(limit))
    }

    /// `'Medizin' is not a known technology field; did you mean medtech (Medizintechnik)?` with
    /// the command that lists them all.
    public func unknownValueMessage(_ text: String, what: String) -> String {
        let shown = SafeText.excerpt(text, limit: 60)
        let close = suggestions(for: text).compactMap(term).map { "\($0.id) (\($0.de))" }
        let hint =
            close.isEmpty
            ? ""
            : "; did you mean \(close.count == 1 ? close[0] : close.dropLast().joined(separator: ", ") + " or " + close.last!)?"
        return "'\(shown)' is not \(what)\(hint) (clusternode vocab \(vocabulary) lists them)"
    }

    /// The other names of a term besides slug and labels: the short form of a code (`BW` for
    /// `DE-BW`) and the vocabulary's own (`BaWü`).
    public static func shortForms(of term: Term) -> [String] {
        (term.id.hasPrefix("DE-") ? [String(term.id.dropFirst(3))] : []) + (term.short ?? [])
    }

    /// The names a term answers to: slug, labels and short forms.
    static func names(of term: Term) -> [String] { [term.id, term.de, term.en] + shortForms(of: term) }

    /// Every name of every term, folded, to its slug; a name two terms share belongs to neither.
    static func foldedNames(terms: [Term], aliases: [String: String]) -> [String: String] {
        var map: [String: String] = [:]
        var shared: Set<String> = []
        for term in terms {
            for name in names(of: term) {
                let key = SearchText.fold(name)
                if let other = map[key], other != term.id { shared.insert(key) } else { map[key] = term.id }
            }
        }
        for (alias, id) in aliases { map[SearchText.fold(alias)] = map[SearchText.fold(alias)] ?? id }
        for key in shared { map[key] = nil }
        return map
    }
}
