import CatalogCore
import Testing

@Suite("Vocabulary terms by their labels and short forms, and suggestions for the rest")
struct TermInputTests {
    @Test(
        "labels in either language, short forms, any case and umlaut spelling name their term",
        arguments: [
            ("Medizintechnik", Vocabularies.topics, "medtech"), ("medical technology", Vocabularies.topics, "medtech"),
            ("MEDTECH", Vocabularies.topics, "medtech"), ("KI", Vocabularies.topics, "ai-data"),
            ("BW", Vocabularies.regions, "DE-BW"), ("Baden-Württemberg", Vocabularies.regions, "DE-BW"),
            ("baden-wuerttemberg", Vocabularies.regions, "DE-BW"), ("de-bw", Vocabularies.regions, "DE-BW"),
            ("Bavaria", Vocabularies.regions, "DE-BY"), ("DE-BR", Vocabularies.regions, "DE-BB"),
            ("Veranstaltung", Vocabularies.kinds, "event"), ("Partnersuche", Vocabularies.kinds, "matchmaking"),
            ("Präsenz", Vocabularies.modes, "onsite"), ("praesenz", Vocabularies.modes, "onsite"),
            ("vor Ort", Vocabularies.modes, "onsite"), ("Englisch", Vocabularies.languages, "en"),
            ("Unternehmen", Vocabularies.audiences, "companies"),
            ("Zertifikatslehrgang", Vocabularies.formats, "certificate-programme"),
        ])
    func resolves(text: String, vocabulary: Vocabulary, id: String) {
        #expect(vocabulary.resolve(text) == id, "\(text)")
    }

    @Test("no name of one term is a name of another in the same vocabulary")
    func namesAreUnambiguous() {
        for vocabulary in Vocabularies.all {
            for term in vocabulary.terms {
                for name in [term.id, term.de, term.en] + (term.short ?? []) {
                    #expect(vocabulary.resolve(name) == term.id, "\(vocabulary.vocabulary): \(name)")
                }
            }
        }
    }

    @Test("an unknown value gets the closest terms, nearest first, and the command that lists them")
    func suggestions() {
        #expect(Vocabularies.topics.resolve("Medizin") == nil)
        #expect(Vocabularies.topics.suggestions(for: "Medizin").first == "medtech")
        #expect(Vocabularies.topics.suggestions(for: "medtec").first == "medtech")
        #expect(Vocabularies.regions.suggestions(for: "Bayrn") == ["DE-BY"])
        #expect(Vocabularies.regions.suggestions(for: "Badenwürtemberg").first == "DE-BW")
        #expect(Vocabularies.kinds.suggestions(for: "Veranstaltungen").first == "event")
        #expect(Vocabularies.topics.suggestions(for: "zzzzzz").isEmpty)
        #expect(Vocabularies.topics.suggestions(for: String(repeating: "medtech", count: 2_000)).isEmpty)
        #expect(
            Vocabularies.topics.unknownValueMessage("Medizin", what: "a technology field").hasPrefix(
                "'Medizin' is not a technology field; did you mean medtech (Medizintechnik)"))
        #expect(
            Vocabularies.topics.unknownValueMessage("zzzzzz", what: "a technology field")
                == "'zzzzzz' is not a technology field (clusternode vocab topics lists them)")
    }

    @Test("edit distances count a swap of neighbours as one edit")
    func distances() {
        #expect(TextDistance.edits("lsit", "list") == 1)
        #expect(TextDistance.edits("serach", "search") == 1)
        #expect(TextDistance.edits("kitten", "sitting") == 3)
        #expect(TextDistance.edits("", "abc") == 3)
        #expect(TextDistance.closest(to: "serach", among: ["search", "serve", "sync"]) == ["search"])
        #expect(TextDistance.nearlySameTitle("GMP-Grundlagen für Einsteiger", "GMP Grundlagen fur Einsteiger"))
        #expect(TextDistance.nearlySameTitle("Reinraumpraxis im Unternehmen", "Reinraumpraxis im Unternehmn"))
        #expect(!TextDistance.nearlySameTitle("GMP-Grundlagen für Einsteiger", "GMP-Schulung: Auffrischung"))
        #expect(!TextDistance.nearlySameTitle("Forum 2027", "Forum 2028"))  // too short to judge
    }

    @Test("Snowball stems of folded words, German and English; short words stay as they are")
    func stems() {
        #expect(WordStems.stem("schulungen", .german) == "schulung")
        #expect(WordStems.stem("weiterbildungen", .german) == "weiterbild")
        #expect(WordStems.stem("zertifikatslehrgange", .german) == "zertifikatslehrgang")
        #expect(WordStems.stem("companies", .english) == WordStems.stem("company", .english))
        #expect(WordStems.stem("kurs", .german) == "kurs" && WordStems.stem("ki", .english) == "ki")
        // Stems are looked for inside indexed words: the German stem is a prefix of the word.
        for word in ["schulungen", "fortbildungen", "delegationsreisen", "sensoren", "studien", "messen"] {
            #expect(word.hasPrefix(WordStems.stem(word, .german)), "\(word)")
        }
    }

    @Test("dates are read as 2027-03-15 and as 15.03.2027, real days only")
    func dates() {
        #expect(CatalogDate(reading: "15.03.2027")?.text == "2027-03-15")
        #expect(CatalogDate(reading: "5.3.2027")?.text == "2027-03-05")
        #expect(CatalogDate(reading: " 2027-03-15 ")?.text == "2027-03-15")
        #expect(CatalogDate(reading: "31.02.2027") == nil)
        #expect(CatalogDate(reading: "15.03.27") == nil)
        #expect(CatalogDate(reading: "03/15/2027") == nil)
    }
}
