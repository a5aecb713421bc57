import CatalogCore
import CatalogStore
import CatalogTestSupport
import CatalogWire
import Foundation
import Testing

@testable import CatalogSearch

@Suite("Session filters hold for one and the same session, which is shown as next; prices")
struct SessionMatchTests {
    let december = Timestamp.parse("2026-12-01T00:00:00Z")!

    /// A training held online in January, onsite in Ulm in March, and hybrid in Munich in April.
    func training() -> Entry {
        var entry = Fixtures.training(id: "gmp-schulung")
        entry.title = LocalizedText(["de": "GMP-Schulung"])
        entry.regions = ["DE-BW"]
        entry.price = Price(amount: "450.00", currency: "EUR")
        func session(_ day: String, _ mode: SessionMode, _ place: Location?) -> Session {
            Session(
                start: CatalogDateTime("\(day)T09:00")!, end: CatalogDateTime("\(day)T17:00")!, mode: mode,
                location: place)
        }
        entry.sessions = [
            session("2027-01-20", .online, nil),
            session("2027-03-10", .onsite, Location(city: "Ulm", region: "DE-BW")),
            session("2027-04-14", .hybrid, Location(city: "München", region: "DE-BY")),
        ]
        return entry
    }

    func search(_ test: TestNode, _ query: SearchQuery, now: Date? = nil) async throws -> [SearchResponse.Hit] {
        try await Searcher(node: test.node).search(query, now: now ?? december).hits
    }

    @Test("mode, dates, city and region are checked on one session; NEXT is the session that matched")
    func sameSession() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([training()])
        let march = CatalogDate("2027-03-01")

        // The January session is online, the March one onsite: online from March matches nothing.
        #expect(try await search(test, SearchQuery(text: "GMP-Schulung", mode: .online, from: march)).isEmpty)

        func next(_ query: SearchQuery, now: Date? = nil) async throws -> (String?, String?)? {
            guard let hit = try await search(test, query, now: now).first else { return nil }
            return (hit.next?.start, hit.next?.city)
        }
        let onsite = try await next(SearchQuery(text: "GMP-Schulung", mode: .onsite, from: march))
        #expect(onsite?.0 == "2027-03-10T08:00:00Z" && onsite?.1 == "Ulm")
        let online = try await next(SearchQuery(mode: .online))
        #expect(online?.0 == "2027-01-20T08:00:00Z" && online?.1 == nil)
        let hybrid = try await next(SearchQuery(mode: .hybrid, to: CatalogDate("2027-03-31")))
        #expect(hybrid == nil)  // the hybrid session is in April

        var munich = SearchQuery()
        munich.city = "Muenchen"
        #expect(try await next(munich)?.0 == "2027-04-14T07:00:00Z")
        var ulmOnline = SearchQuery(mode: .online)
        ulmOnline.city = "Ulm"
        #expect(try await next(ulmOnline) == nil)

        // Region: a session's own region, or the entry's for a session without a place.
        let bavaria = try await next(SearchQuery(region: "DE-BY"))
        #expect(bavaria?.0 == "2027-04-14T07:00:00Z")
        #expect(try await next(SearchQuery(region: "DE-BW"))?.0 == "2027-01-20T08:00:00Z")
        #expect(try await next(SearchQuery(region: "DE-BW", mode: .onsite))?.0 == "2027-03-10T08:00:00Z")
        #expect(try await next(SearchQuery(region: "DE-BY", mode: .onsite)) == nil)

        // Once January is over, the online session no longer counts, and NEXT moves on.
        let february = Timestamp.parse("2027-02-01T00:00:00Z")!
        #expect(try await next(SearchQuery(mode: .online), now: february) == nil)
        #expect(try await next(SearchQuery(text: "GMP"), now: february)?.0 == "2027-03-10T08:00:00Z")
        // With past sessions included, the online one matches again.
        #expect(try await next(SearchQuery(mode: .online, includePast: true), now: february) != nil)

        // A cancelled session never matches.
        var cancelled = training()
        cancelled.sessions[1].status = .cancelled
        try await test.node.put([cancelled])
        #expect(try await next(SearchQuery(mode: .onsite)) == nil)
    }

    @Test("maxPrice keeps entries costing at most that many euros, and free ones")
    func maxPrice() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        var free = Fixtures.offering(id: "forum")
        free.price = .gratis
        var members = Fixtures.offering(id: "stammtisch")
        members.price = Price(amount: "80.00", currency: "EUR", freeForMembers: true)
        var swiss = Fixtures.offering(id: "zuerich")
        swiss.price = Price(amount: "100.00", currency: "CHF")
        var unpriced = Fixtures.offering(id: "studie")
        unpriced.price = nil
        try await test.node.put([training(), free, members, swiss, unpriced])
        func ids(_ amount: Double) async throws -> Set<String> {
            var query = SearchQuery()
            query.maxPrice = amount
            return Set(try await search(test, query).map(\.id))
        }
        let up500 = try await ids(500)
        #expect(up500 == ["gmp-schulung", "forum", "stammtisch"])
        let up450 = try await ids(450)
        #expect(up450 == ["gmp-schulung", "forum", "stammtisch"])
        let up449_99 = try await ids(449.99)
        #expect(up449_99 == ["forum", "stammtisch"])
        let up0 = try await ids(0)
        #expect(up0 == ["forum", "stammtisch"])
        var bad = SearchQuery()
        bad.maxPrice = -1
        #expect(throws: CatalogError.self) { try bad.validated() }
        // The parameter form: maxPrice and city go to /v1/search and come back.
        var query = SearchQuery(text: "x")
        query.maxPrice = 99.5
        query.city = "Ulm"
        let back = try SearchQuery(parameters: Dictionary(query.parameters, uniquingKeysWith: { a, _ in a }))
        #expect(back.maxPrice == 99.5 && back.city == "Ulm")
    }
}

@Suite("Stems are matched whole")
struct StemMatchTests {
    @Test("inflected forms meet, but a stem never matches inside another word")
    func wholeStems() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        func offering(_ id: String, _ title: String) -> Entry {
            var entry = Fixtures.offering(id: id)
            entry.title = LocalizedText(["de": title])
            entry.summary = nil
            entry.description = nil
            entry.keywords = []
            return entry
        }
        try await test.node.put([
            offering("messe", "Gemeinschaftsstand auf der Messe"), offering("messtechnik", "Seminar Messtechnik"),
            offering("kurse", "Kurse für Einsteiger"), offering("konkurs", "Konkursrecht im Mittelstand"),
        ])
        func ids(_ text: String) async throws -> Set<String> {
            Set(try await Searcher(node: test.node).search(SearchQuery(text: text), now: Date()).hits.map(\.id))
        }
        #expect(try await ids("Messe") == ["messe"])
        #expect(try await ids("Messen") == ["messe"])
        // "Kurse" (stem "kurs") finds "Kurse", not "Konkursrecht", whose stem is another word's.
        #expect(try await ids("Kurse") == ["kurse"])
        #expect(try await ids("Kursen") == ["kurse"])
        #expect(try await ids("Messtechnik").contains("messtechnik"))
    }
}
