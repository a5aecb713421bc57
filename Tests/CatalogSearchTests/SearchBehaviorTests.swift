import CatalogCore
import CatalogStore
import CatalogTestSupport
import CatalogWire
import Foundation
import Testing

@testable import CatalogSearch

@Suite("Search: matching, ranking, filters, facets and hostile input")
struct SearchBehaviorTests {
    let now = Timestamp.parse("2026-12-01T00:00:00Z")!

    func training(
        _ id: String, title: String, description: String? = nil, city: String = "Tuttlingen",
        start: String = "2027-03-15T09:00", mode: SessionMode = .onsite, region: String = "DE-BW"
    ) -> Entry {
        var entry = Fixtures.training(id: id)
        entry.title = LocalizedText(["de": title])
        entry.summary = nil
        entry.keywords = []
        entry.description = description.map { LocalizedText(["de": $0]) }
        let end = String(start.prefix(11)) + "17:00"
        entry.sessions = [
            Session(
                start: CatalogDateTime(start)!, end: CatalogDateTime(end)!, mode: mode,
                location: mode == .online ? nil : Location(city: city, region: region))
        ]
        entry.regions = [region]
        return entry
    }

    func node(_ entries: [Entry]) async throws -> TestNode {
        let test = try await TestNode.make()
        try await test.node.put(entries)
        return test
    }

    func ids(_ test: TestNode, _ query: SearchQuery) async throws -> [String] {
        try await Searcher(node: test.node).search(query, now: now).hits.map(\.id)
    }

    @Test("spellings meet: case, umlauts and their transliterations, ß")
    func folding() {
        #expect(SearchText.fold("München") == "munchen")
        #expect(SearchText.fold("Muenchen") == "munchen")
        #expect(SearchText.fold("MUNCHEN") == "munchen")
        #expect(SearchText.fold("Straße, Köln!") == "strasse koln")
        #expect(SearchText.fold("Café  Résumé") == "cafe resume")
    }

    @Test("title and keyword matches come first, and paging through them and the rest shows each match once")
    func pagingAcrossStages() async throws {
        var entries: [Entry] = []
        for number in 0..<7 {
            entries.append(training("titel-\(number)", title: "Lasertechnik Kurs \(number)"))
            entries.append(
                training("text-\(number)", title: "Seminar \(number)", description: "Mit Lasertechnik aus der Praxis."))
        }
        let test = try await node(entries)
        defer { test.remove() }
        var seen: [String] = []
        for offset in stride(from: 0, to: 16, by: 3) {
            let page = try await test.node.store.search(
                SearchQuery(text: "laser", limit: 3, offset: offset), now: now)
            #expect(page.total == 14)
            seen += page.matches.map(\.entry.id)
        }
        #expect(seen.count == 14 && Set(seen).count == 14, "\(seen)")
        #expect(seen.prefix(7).allSatisfy { $0.hasPrefix("titel-") }, "\(seen)")
        #expect(seen.suffix(7).allSatisfy { $0.hasPrefix("text-") }, "\(seen)")
    }

    @Test("parts of compounds match, and a title match outranks a description match")
    func compoundsAndRanking() async throws {
        // Topics are indexed by their labels ("Medizintechnik"): use one without "technik" here.
        let entries = [
            training("beschreibung", title: "Grundlagenkurs", description: "Einführung in die Medizintechnik"),
            training("titel", title: "Medizintechnik kompakt"),
            training("anderes", title: "Lasersicherheit"),
        ].map { entry -> Entry in
            var entry = entry
            entry.topics = ["photonics"]
            return entry
        }
        let test = try await node(entries)
        defer { test.remove() }
        #expect(try await ids(test, SearchQuery(text: "technik")) == ["titel", "beschreibung"])
        #expect(try await ids(test, SearchQuery(text: "Weiterbildungsangebot Medizintechnik")).first == "titel")
        #expect(try await ids(test, SearchQuery(text: "muenchen")).isEmpty)
    }

    @Test("a city matches in all its spellings")
    func cities() async throws {
        let test = try await node([training("muc", title: "Optik", city: "München", region: "DE-BY")])
        defer { test.remove() }
        for spelling in ["München", "Muenchen", "munchen", "MÜNCHEN"] {
            #expect(try await ids(test, SearchQuery(text: spelling)) == ["muc"], "\(spelling)")
        }
    }

    @Test("filters: type, kind, topic, region, origin, mode, language, audience, free")
    func filters() async throws {
        var online = training("online-kurs", title: "Kurs online", mode: .online)
        online.languages = ["en"]
        online.audience = ["startups"]
        online.price = .gratis
        let test = try await node([
            training("vor-ort", title: "Kurs vor Ort"), online, Fixtures.offering(id: "forum", kind: "event"),
            Fixtures.offering(id: "studie", kind: "study"),
        ])
        defer { test.remove() }
        #expect(try await ids(test, SearchQuery(type: .training)).sorted() == ["online-kurs", "vor-ort"])
        #expect(try await ids(test, SearchQuery(kind: "study")) == ["studie"])
        #expect(try await ids(test, SearchQuery(mode: .online)) == ["online-kurs"])
        #expect(try await ids(test, SearchQuery(language: "en")) == ["online-kurs"])
        #expect(try await ids(test, SearchQuery(audience: "startups")) == ["online-kurs"])
        #expect(try await ids(test, SearchQuery(type: .training, freeOnly: true)) == ["online-kurs"])
        #expect(try await ids(test, SearchQuery(region: "DE-BY")).isEmpty)
        #expect(try await ids(test, SearchQuery(topic: "medtech")).count == 4)
        #expect(try await ids(test, SearchQuery(origin: "medicalmountains")).count == 4)
        #expect(try await ids(test, SearchQuery(origin: "elsewhere")).isEmpty)
    }

    @Test("a date range finds trainings with a session overlapping it; past trainings are hidden unless asked")
    func dates() async throws {
        let test = try await node([
            training("maerz", title: "Kurs", start: "2027-03-15T09:00"),
            training("juli", title: "Kurs", start: "2027-07-01T09:00"),
            training("vorbei", title: "Kurs", start: "2026-10-01T09:00"),
        ])
        defer { test.remove() }
        let spring = SearchQuery(from: CatalogDate("2027-03-01"), to: CatalogDate("2027-06-30"))
        #expect(try await ids(test, spring) == ["maerz"])
        #expect(CatalogDate("2027-12-31")?.next == CatalogDate("2028-01-01"))
        #expect(CatalogDate("2028-02-28")?.next == CatalogDate("2028-02-29"))
        let lastDay = SearchQuery(from: CatalogDate("2027-07-01"), to: CatalogDate("2027-07-01"))
        #expect(try await ids(test, lastDay) == ["juli"])
        #expect(try await ids(test, SearchQuery(text: "Kurs")) == ["maerz", "juli"])
        #expect(try await ids(test, SearchQuery(text: "Kurs", includePast: true)).contains("vorbei"))
        let response = try await Searcher(node: test.node).search(SearchQuery(text: "Kurs", region: "DE-BY"), now: now)
        #expect(response.total == 0 && response.hint == "without region, 2 entries match")
        #expect(response.suggestion == .init(action: .dropFilter, filter: "region", matches: 2))
        #expect(
            try await Searcher(node: test.node).hint(for: SearchQuery(text: "Kurs", region: "DE-BY"), now: now)
                == .dropFilter(.region, matches: 2))
    }

    @Test("facets count the matched set by kind, topic, region, origin, mode and month")
    func facets() async throws {
        let test = try await node([
            training("a", title: "Kurs A", start: "2027-03-15T09:00"),
            training("b", title: "Kurs B", start: "2027-04-15T09:00", mode: .online),
            Fixtures.offering(id: "forum", kind: "event"),
        ])
        defer { test.remove() }
        let response = try await Searcher(node: test.node).search(SearchQuery(text: "Kurs", facets: true), now: now)
        let facets = try #require(response.facets)
        #expect(facets["kind"] == [SearchResponse.Facet(value: "training", count: 2)])
        #expect(facets["mode"]?.contains(SearchResponse.Facet(value: "online", count: 1)) == true)
        #expect(
            facets["month"] == [
                SearchResponse.Facet(value: "2027-03", count: 1), SearchResponse.Facet(value: "2027-04", count: 1),
            ])
        #expect(facets["origin"] == [SearchResponse.Facet(value: "medicalmountains", count: 2)])
        #expect(response.hits.allSatisfy { $0.verified })
        // Counts are kept until the catalog changes, and counted again after it did.
        let again = try await Searcher(node: test.node).search(SearchQuery(text: "Kurs", facets: true), now: now)
        #expect(again.facets?["kind"] == [SearchResponse.Facet(value: "training", count: 2)])
        _ = try await test.node.put([training("c", title: "Kurs C", start: "2027-05-15T09:00")])
        let changed = try await Searcher(node: test.node).search(SearchQuery(text: "Kurs", facets: true), now: now)
        #expect(changed.facets?["kind"] == [SearchResponse.Facet(value: "training", count: 3)])
        #expect(changed.facets?["month"]?.count == 3 && changed.total == 3)
    }

    @Test(
        "the user's text never reaches FTS5 as syntax",
        arguments: [
            #""unbalanced"#, "\"\"\"", "*", "-", "--", "NEAR(a b)", "a AND b OR NOT c", "((((", ")", "^x", "{col}:x",
            ".", "!!!",
            "🚀 Medizintechnik 🚀", "title:medizin", "x'; DROP TABLE entry; --", "\u{0}", "ä",
            String(repeating: "technik ", count: 60),
        ])
    func hostileText(text: String) async throws {
        let test = try await node([training("titel", title: "Medizintechnik kompakt")])
        defer { test.remove() }
        let response = try await Searcher(node: test.node).search(SearchQuery(text: text), now: now)
        #expect(response.total >= 0)
        #expect(try await test.node.store.entries(origin: "medicalmountains").count == 1)
    }

    @Test("an overlong text or a bad filter is refused with a message naming it")
    func refusedQueries() async throws {
        let test = try await node([])
        defer { test.remove() }
        let searcher = Searcher(node: test.node)
        for (query, word) in [
            (SearchQuery(text: String(repeating: "x", count: 10_000)), "characters"),
            (SearchQuery(kind: "fair"), "kind"),
            (SearchQuery(region: "DE-XX"), "region"), (SearchQuery(limit: 0), "limit"),
            (SearchQuery(from: CatalogDate("2027-05-01"), to: CatalogDate("2027-04-01")), "to 2027-04-01 is before"),
        ] {
            await #expect {
                _ = try await searcher.search(query, now: now)
            } throws: { error in
                (error as? CatalogError)?.message.contains(word) == true
            }
        }
    }

    @Test("the index follows every write: an edit is found by its new words, a withdrawal not at all")
    func indexFollowsWrites() async throws {
        let test = try await node([training("kurs", title: "Lasersicherheit")])
        defer { test.remove() }
        try await test.node.add(training("kurs", title: "Reinraumpraxis"), allowUpdate: true)
        #expect(try await ids(test, SearchQuery(text: "laser")).isEmpty)
        #expect(try await ids(test, SearchQuery(text: "reinraum")) == ["kurs"])
        try await test.node.remove(id: "kurs")
        #expect(try await ids(test, SearchQuery(text: "reinraum")).isEmpty)
    }
}
