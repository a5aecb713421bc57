import CatalogCore
import CatalogServer
import CatalogTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The web catalog's pages")
struct WebPageTests {
    /// A node with a training, an event, a members-only survey and an entry whose text is an attack.
    func makeNode() async throws -> TestNode {
        let test = try await TestNode.make()
        var local = Fixtures.offering(id: "mitgliederumfrage", kind: "survey")
        local.title = LocalizedText(["de": "Mitgliederumfrage Geheim"])
        local.visibility = .local
        var hostile = Fixtures.offering(id: "boese", kind: "event")
        hostile.title = LocalizedText(["de": "Forum </script><script>alert(1)</script> & \"Freunde\""])
        hostile.summary = LocalizedText(["de": "<img src=x onerror=alert(2)>"])
        try await test.node.put([Fixtures.training(), Fixtures.offering(), local, hostile])
        return test
    }

    func app(_ test: TestNode) -> some ApplicationProtocol {
        var limits = ServerLimits()
        limits.expensiveTimeout = .seconds(300)
        return Application(router: buildRouter(node: test.node, metrics: NodeMetrics(node: test.node), limits: limits))
    }

    func page(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> (
        status: HTTPResponse.Status, headers: HTTPFields, html: String
    ) {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            (response.status, response.headers, String(buffer: response.body))
        }
    }

    @Test("the search page finds what /v1/search finds, in German by default, with a strict policy and no local entry")
    func searchPage() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await app(test).test(.router) { client in
            let result = try await page(client, "/?q=GMP")
            #expect(result.status == .ok && result.headers[.contentType] == "text/html; charset=utf-8")
            #expect(result.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(result.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(result.html.contains(#"<html lang="de">"#) && result.html.contains("Suchbegriffe"))
            #expect(result.html.contains(#"href="/entries/medicalmountains/gmp-grundlagen?lang=de""#))
            #expect(result.html.contains("GMP-Grundlagen für Einsteiger") && result.html.contains("1 Eintrag gefunden"))
            #expect(result.html.contains("15.03.2027, 09:00 Uhr, Tuttlingen"))
            #expect(result.html.utf8.count < 60_000)
            // Everything but the members-only survey.
            let all = try await page(client, "/")
            #expect(all.html.contains("MedTech-Forum Süd") && !all.html.contains("Mitgliederumfrage"))
            let survey = try await page(client, "/?q=Mitgliederumfrage")
            #expect(survey.html.contains("Keine Einträge gefunden") && !survey.html.contains("Geheim"))
        }
    }

    @Test("English with ?lang=en or the browser's language; every label from the vocabularies")
    func english() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await app(test).test(.router) { client in
            let byParameter = try await page(client, "/?q=GMP&lang=en")
            #expect(byParameter.html.contains(#"<html lang="en">"#) && byParameter.html.contains("Search words"))
            #expect(
                byParameter.html.contains("GMP basics for beginners") && byParameter.html.contains("Medical technology")
            )
            let byBrowser = try await page(client, "/", headers: [.acceptLanguage: "en-GB,en;q=0.9,de;q=0.5"])
            #expect(byBrowser.headers[.contentLanguage] == "en" && byBrowser.html.contains("Technology field"))
            let german = try await page(client, "/", headers: [.acceptLanguage: "fr, de;q=0.8, en;q=0.5"])
            #expect(german.headers[.contentLanguage] == "de" && german.html.contains("Technologiefeld"))
        }
    }

    @Test("filters narrow the results, facets link to them, and a hint links to what would match")
    func filtersAndFacets() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await app(test).test(.router) { client in
            let trainings = try await page(client, "/?type=training&kind=&topic=&from=&to=")
            #expect(trainings.status == .ok && trainings.html.contains("GMP-Grundlagen"))
            #expect(!trainings.html.contains("MedTech-Forum Süd"))
            #expect(trainings.html.contains(#"<option value="training" selected>"#))
            let all = try await page(client, "/")
            #expect(all.html.contains(#"<a href="/?type=training&amp;lang=de">Weiterbildung</a>"#))
            let none = try await page(client, "/?q=GMP&region=DE-BY")
            #expect(
                none.html.contains("Keine Einträge gefunden")
                    && none.html.contains("Ohne den Filter „Region“: 1 Eintrag"))
            #expect(none.html.contains(#"<a href="/?q=GMP&amp;lang=de">"#))
        }
    }

    @Test("every value is escaped: a hostile title is text in the page, and cannot leave the JSON-LD block")
    func escaping() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await app(test).test(.router) { client in
            let results = try await page(client, "/?q=Forum")
            #expect(
                results.html.contains(
                    "Forum &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Freunde&quot;"))
            #expect(!results.html.contains("<script>alert") && !results.html.contains("<img src=x"))
            let entry = try await page(client, "/entries/medicalmountains/boese")
            #expect(entry.status == .ok && !entry.html.contains("<script>alert") && !entry.html.contains("<img src=x"))
            let scripts = entry.html.components(separatedBy: "<script").count - 1
            #expect(scripts == 1)  // the JSON-LD block alone
        }
    }

    @Test("an entry page shows what a member needs, where it comes from, and schema.org JSON-LD")
    func entryPage() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await app(test).test(.router) { client in
            let result = try await page(client, "/entries/medicalmountains/gmp-grundlagen")
            #expect(result.status == .ok)
            for text in [
                "GMP-Grundlagen für Einsteiger", "15.03.2027, 09:00–17:00 Uhr", "Tuttlingen", "Plätze: 18",
                "450,00 EUR", "akademie@cluster.example", "Signiert von", "Signatur geprüft am",
                test.node.publicKey.displayFingerprint,
                #"href="/entries/medicalmountains/gmp-grundlagen/calendar.ics""#,
            ] {
                #expect(result.html.contains(text), "\(text)")
            }
            let start = try #require(result.html.range(of: #"<script type="application/ld+json">"#))
            let end = try #require(result.html.range(of: "</script>", range: start.upperBound..<result.html.endIndex))
            let json =
                try JSONSerialization.jsonObject(
                    with: Data(result.html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
            let graph = json?["@graph"] as? [[String: Any]]
            #expect(
                json?["@context"] as? String == "https://schema.org" && graph?.first?["@type"] as? String == "Course")
            let calendar = try await client.execute(
                uri: "/entries/medicalmountains/gmp-grundlagen/calendar.ics", method: .get
            ) { response in (response.headers[.contentType], String(buffer: response.body)) }
            #expect(calendar.0 == "text/calendar; charset=utf-8" && calendar.1.hasPrefix("BEGIN:VCALENDAR"))
        }
    }

    @Test("unknown, withdrawn and members-only entries are a 404 page; bad parameters a 400 page saying why")
    func errorPages() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await test.node.put([Fixtures.training()], replace: true)  // withdraws the others
        try await app(test).test(.router) { client in
            for uri in [
                "/entries/medicalmountains/nothing", "/entries/medicalmountains/mitgliederumfrage",
                "/entries/medicalmountains/medtech-forum", "/entries/Not%20An%20Origin/x",
                "/entries/medicalmountains/mitgliederumfrage/calendar.ics",
            ] {
                let result = try await page(client, uri)
                #expect(result.status == .notFound && result.html.contains("Nicht gefunden"), "\(uri)")
                #expect(result.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
            }
            // A browser asking for a page that is not there gets the 404 page; a program, JSON.
            let browser = try await page(client, "/impressum", headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(browser.status == .notFound && browser.html.contains("Nicht gefunden"))
            let program = try await page(client, "/impressum")
            #expect(program.status == .notFound && program.headers[.contentType] == "application/json")
            let api = try await page(client, "/v1/nothing", headers: [.accept: "text/html"])
            #expect(api.status == .notFound && api.headers[.contentType] == "application/json")
            let english = try await page(client, "/entries/medicalmountains/nothing?lang=en")
            #expect(english.status == .notFound && english.html.contains("Not found"))
            let topic = try await page(client, "/?topic=nonsense")
            #expect(
                topic.status == .badRequest && topic.html.contains("„nonsense“ ist kein bekanntes Technologiefeld."))
            let date = try await page(client, "/?from=15.03.&lang=en")
            #expect(date.status == .badRequest && date.html.contains("is not a date"))
            let pageNumber = try await page(client, "/?page=0")
            #expect(pageNumber.status == .badRequest && pageNumber.html.contains("Seitenzahl"))
        }
    }

    @Test("a page kept in the page cache is rendered again once anything is stored")
    func pageCache() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await app(test).test(.router) { client in
            let before = try await page(client, "/?q=GMP")
            #expect(before.html.contains("1 Eintrag gefunden"))
            let again = try await page(client, "/?q=GMP")
            #expect(again.html == before.html)
            var second = Fixtures.training(id: "gmp-aufbau")
            second.title = LocalizedText(["de": "GMP-Aufbaukurs"])
            _ = try await test.node.put([second])
            let after = try await page(client, "/?q=GMP")
            #expect(after.html.contains("2 Einträge gefunden") && after.html.contains("GMP-Aufbaukurs"))
            let entry = try await page(client, "/entries/medicalmountains/gmp-aufbau")
            #expect(entry.status == .ok)
            _ = try await test.node.remove(id: "gmp-aufbau")
            #expect(try await page(client, "/entries/medicalmountains/gmp-aufbau").status == .notFound)
        }
    }

    @Test("the stylesheet is served by the node itself")
    func stylesheet() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await app(test).test(.router) { client in
            try await client.execute(uri: "/static/catalog.css", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(String(buffer: response.body).contains(".hits"))
            }
        }
    }
}
