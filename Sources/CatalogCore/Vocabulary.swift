import Foundation

/// A controlled vocabulary shipped with the package as a data file in `Vocabularies/`:
/// stable slugs with German and English labels, and optional aliases older lists use.
public struct Vocabulary: Sendable, Decodable {
    public struct Term: Sendable, Decodable, Hashable {
        public let id: String
        public let de: String
        public let en: String

        public func label(_ language: String) -> String { language == "en" ? en : de }
    }

    public let vocabulary: String
    public let description: String
    public let terms: [Term]
    /// Old spellings mapped to the current slug, e.g. `DE-BR` → `DE-BB`.
    public let aliases: [String: String]

    private let byID: [String: Term]

    enum CodingKeys: String, CodingKey { case vocabulary, description, terms, aliases }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vocabulary = try c.decode(String.self, forKey: .vocabulary)
        description = try c.decode(String.self, forKey: .description)
        terms = try c.decode([Term].self, forKey: .terms)
        aliases = try c.decodeIfPresent([String: String].self, forKey: .aliases) ?? [:]
        byID = Dictionary(terms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
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
