import CatalogCore
import Foundation
import Testing

@Suite("Vocabularies")
struct VocabularyTests {
    @Test("the shipped data files load with German and English labels")
    func load() {
        #expect(Vocabularies.regions.ids.count == 17)
        #expect(Vocabularies.regions.ids.filter { $0.hasPrefix("DE-") }.count == 16)
        #expect(Vocabularies.topics.ids.count == 39)
        #expect(Vocabularies.kinds.ids.count == 14)
        #expect(Vocabularies.topics.term("medtech")?.de == "Medizintechnik")
        #expect(Vocabularies.topics.term("medtech")?.en == "Medical technology")
        for vocabulary in Vocabularies.all {
            #expect(Set(vocabulary.ids).count == vocabulary.ids.count, "\(vocabulary.vocabulary) has duplicates")
            #expect(vocabulary.terms.allSatisfy { !$0.de.isEmpty && !$0.en.isEmpty })
        }
    }

    @Test("the session modes file and the enum agree")
    func modes() {
        #expect(Vocabularies.modes.ids == SessionMode.allCases.map(\.rawValue))
    }

    @Test("old region codes map to the current ones")
    func aliases() {
        #expect(Entry.canonicalRegion("DE-BR") == "DE-BB")
        #expect(Entry.canonicalRegion(" de-by ") == "DE-BY")
    }

    @Test(
        "slugs from titles",
        arguments: [
            ("GMP-Grundlagen für Einsteiger", "gmp-grundlagen-fuer-einsteiger"),
            ("MedTech-Forum Süd 2027!", "medtech-forum-sued-2027"),
            ("  Straße & Logistik  ", "strasse-logistik"),
            ("Café Résumé", "cafe-resume"),
        ])
    func slugs(title: String, slug: String) {
        #expect(Slug.make(from: title) == slug)
        #expect(Slug.isValid(slug))
    }
}

@Suite("Search text regressions found by fuzzing")
struct SearchTextRegressionTests {
    @Test("a combining mark after a space cannot glue two words together (FuzzSearchQuery crash 920e0ab3)")
    func spacingMarkAfterSpace() throws {
        let input = try #require(
            Data(
                base64Encoded:
                    "RVthg2Krq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq3NlAAAAAADqq6urq6urq6urq6urq6urq6urq6urq6urKLVSLFthg2I="
            ))
        let words = SearchText.words(String(decoding: input, as: UTF8.self))
        #expect(!words.isEmpty)
        for word in words {
            #expect(
                !word.unicodeScalars.contains { $0 == "\"" || $0.properties.isWhitespace },
                "word: \(word.debugDescription)")
        }
        #expect(SearchText.words("a \u{AAEB}b \u{FF9E}c") == ["a", "b", "c"])
    }
}
