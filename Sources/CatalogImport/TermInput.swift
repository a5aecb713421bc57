import CatalogCore

/// Vocabulary values as offices type them: a label in German or English, or a short form
/// (`Medizintechnik`, `Medical technology`, `BW`, `Präsenz`), turned into the slug the entry
/// holds. A value that names no term is left as it is, for the validator to name with suggestions.
public enum TermInput {
    public static func resolved(_ entry: Entry) -> Entry {
        var entry = entry
        entry.topics = entry.topics.map { resolve($0, Vocabularies.topics) }
        entry.audience = entry.audience.map { resolve($0, Vocabularies.audiences) }
        entry.regions = entry.regions.map { resolve($0, Vocabularies.regions) }
        entry.languages = entry.languages.map { resolve($0, Vocabularies.languages) }
        entry.kind = entry.kind.map { resolve($0, Vocabularies.kinds) }
        entry.format = entry.format.map { resolve($0, Vocabularies.formats) }
        for index in entry.sessions.indices {
            entry.sessions[index].language = entry.sessions[index].language.map { resolve($0, Vocabularies.languages) }
            if let region = entry.sessions[index].location?.region {
                entry.sessions[index].location?.region = resolve(region, Vocabularies.regions)
            }
        }
        return entry
    }

    static func resolve(_ value: String, _ vocabulary: Vocabulary) -> String { vocabulary.resolve(value) ?? value }
}
