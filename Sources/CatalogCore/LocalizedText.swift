/// A text in one or more languages, keyed by ISO 639-1 code (`de`, `en`, ...).
/// Encoded as a JSON object: `{"de": "Seminar", "en": "Seminar"}`.
public struct LocalizedText: Codable, Sendable, Hashable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    public subscript(language: String) -> String? {
        get { values[language] }
        set { values[language] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// The text for a reader who prefers `language`: that one, else German, else English, else any.
    public func preferred(_ language: String = "de") -> String? {
        values[language] ?? values["de"] ?? values["en"] ?? values.keys.sorted().first.flatMap { values[$0] }
    }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
