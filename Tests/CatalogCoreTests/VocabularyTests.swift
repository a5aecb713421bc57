import CatalogCore
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
