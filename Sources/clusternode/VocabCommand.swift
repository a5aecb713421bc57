import ArgumentParser
import CatalogCore

struct VocabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "List the vocabularies: technology fields, regions, kinds, audiences, modes, formats, languages.",
        discussion: """
            Every option and CSV column that takes a term accepts its slug, its German or English label
            and the short forms listed here, ignoring case and umlauts: --topic medtech, --topic
            Medizintechnik and --topic "medical technology" are the same, as are --region DE-BW, BW and
            Baden-Württemberg. Without a name, lists the vocabularies.
            """)

    enum Name: String, CaseIterable, ExpressibleByArgument {
        case topics, regions, kinds, audiences, modes, formats, languages

        var vocabulary: Vocabulary {
            switch self {
            case .topics: Vocabularies.topics
            case .regions: Vocabularies.regions
            case .kinds: Vocabularies.kinds
            case .audiences: Vocabularies.audiences
            case .modes: Vocabularies.modes
            case .formats: Vocabularies.formats
            case .languages: Vocabularies.languages
            }
        }
    }

    @Argument(help: "topics, regions, kinds, audiences, modes, formats or languages.")
    var name: Name?

    @Flag(help: "Print JSON for scripts instead of text for people.")
    var json = false

    struct TermView: Encodable {
        let id: String
        let de: String
        let en: String
        let short: [String]
    }

    struct VocabularyView: Encodable {
        let name: String
        let description: String
        let terms: [TermView]
    }

    func run() throws {
        let names = name.map { [$0] } ?? Name.allCases
        let views = names.map { name in
            VocabularyView(
                name: name.rawValue, description: name.vocabulary.description,
                terms: name.vocabulary.terms.map {
                    TermView(id: $0.id, de: $0.de, en: $0.en, short: Vocabulary.shortForms(of: $0))
                })
        }
        if json {
            if name != nil { try Console.json(views[0]) } else { try Console.json(views) }
            return
        }
        guard name != nil, let view = views.first else {
            var table = TextTable(columns: ["vocabulary", "terms", "what it holds"])
            for view in views { table.add([view.name, String(view.terms.count), view.description]) }
            Console.line(table.render(maxWidth: Console.width, flexibleColumn: 2))
            Console.line("\nclusternode vocab NAME lists one with its labels and short forms.")
            return
        }
        var table = TextTable(columns: ["term", "Deutsch", "English", "also"])
        for term in view.terms { table.add([term.id, term.de, term.en, term.short.joined(separator: ", ")]) }
        Console.line(table.render(maxWidth: Console.width, flexible: [3]))
    }
}
