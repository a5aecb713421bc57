import CatalogCore
import CatalogImport
import CatalogServer
import CatalogTestSupport
import CatalogWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Origin pages, related offerings, and subscriptions to a search (iCalendar and Atom), over the
/// national node of the example federation.
@Suite("The web catalog's origin pages, related offerings and subscriptions")
struct WebSubscriptionTests {
    func app(_ test: TestNode) -> some ApplicationProtocol {
        var limits = ServerLimits()
        limits.expensiveTimeout = .seconds(300)
        return Application(router: buildRouter(node: test.node, metrics: NodeMetrics(node: test.node), limits: limits))
    }

    func get(_ client: some TestClientProtocol, _ uri: String, host: String = "catalog.example:8443") async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: String)
    {
        try await client.execute(uri: uri, method: .get, headers: [HTTPFields.Element.Name("Host")!: host]) {
            response in
            (response.status, response.headers, String(buffer: response.body))
        }
    }

    /// Runs a Python check on `text` (written to a file) and returns what it printed.
    func python(_ script: String, on text: String, in test: TestNode, module: String) throws -> String {
        try Tool.requirePython(module: module)
        let file = try test.directory.write("answer-\(UUID().uuidString)", text)
        let result = try Shell.run("python3", ["-c", script, file.path])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("an origin's page shows its level, region, fields, how current its copy is, and its entries")
    func originPage() async throws {
        let test = try await ExampleFederation.nationalNode(hosts: ["localhost", "catalog.example"])
        defer { test.remove() }
        let request = WebRequest(parameters: [:], language: .de, base: "https://catalog.example")
        let page = try await WebCatalog.originPage(
            node: test.node, origin: "microtech-sued", request: request, now: Timestamp.parse("2026-12-01T12:00:00Z")!)
        #expect(page.status == 200)
        for text in [
            "<h1>microtech-sued</h1>", "Clusterorganisation · Baden-Württemberg", "Mikrosystemtechnik",
            "Aktuell: entspricht dem signierten Stand vom 29.11.2026, 10:00 Uhr", "Reinraum-Mitnutzung",
            #"href="/?origin=microtech-sued&amp;lang=de""#,
        ] {
            #expect(page.body.contains(text), "\(text)")
        }
        #expect(!page.body.contains("Mitglieder-Stammtisch") && !page.body.contains("GMP-Grundlagen"))
        let stale = try await WebCatalog.originPage(
            node: test.node, origin: "microtech-sued", request: request, now: Timestamp.parse("2027-01-05T12:00:00Z")!)
        #expect(stale.body.contains("Veraltet: der signierte Stand ist am 29.12.2026, 10:00 Uhr abgelaufen."))
        try await app(test).test(.router) { client in
            let english = try await get(client, "/origins/photonics-bayern?lang=en")
            #expect(english.status == .ok && english.body.contains("Cluster organization · Bavaria"))
            for uri in ["/origins/nobody", "/origins/Not%20Valid", "/origins/microtech-sued?page=0"] {
                let answer = try await get(client, uri)
                #expect(answer.status == (uri.hasSuffix("page=0") ? .badRequest : .notFound), "\(uri)")
            }
        }
    }

    @Test("an entry page lists related offerings of other clusters, never its own origin's")
    func relatedOfferings() async throws {
        let test = try await ExampleFederation.nationalNode(hosts: ["localhost", "catalog.example"])
        defer { test.remove() }
        try await app(test).test(.router) { client in
            let page = try await get(client, "/entries/medicalmountains/reinraum-praxis")
            #expect(page.status == .ok)
            let related = try #require(page.body.range(of: #"<section class="related""#))
            let section = String(page.body[related.lowerBound...])
            #expect(section.contains("/entries/microtech-sued/reinraum-grundlagen-2027"))
            #expect(!section.contains("/entries/medicalmountains/"))
            #expect(section.contains("Passende Angebote anderer Cluster"))
        }
    }

    @Test("a search's calendar holds every session of its public trainings, and icalendar reads it")
    func searchCalendar() async throws {
        let test = try await ExampleFederation.nationalNode(hosts: ["localhost", "catalog.example"])
        defer { test.remove() }
        try await app(test).test(.router) { client in
            let search = try await get(client, "/v1/search?type=training&topic=medtech&limit=200")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(search.body.utf8)) as? [String: Any])
            let hits = try #require(answer["hits"] as? [[String: Any]])
            let sessions = hits.reduce(0) { $0 + (($1["entry"] as? [String: Any])?["sessions"] as? [Any] ?? []).count }
            #expect(sessions > 5)
            let calendar = try await get(client, "/calendar.ics?topic=medtech&type=offering")
            #expect(calendar.status == .ok && calendar.headers[.contentType] == "text/calendar; charset=utf-8")
            let count = try python(
                """
                import sys, icalendar
                calendar = icalendar.Calendar.from_ical(open(sys.argv[1], encoding="utf-8").read())
                print(len([c for c in calendar.walk() if c.name == "VEVENT"]))
                """, on: calendar.body, in: test, module: "icalendar")
            #expect(count == String(sessions))
            let bad = try await get(client, "/calendar.ics?region=Mars")
            #expect(bad.status == .badRequest && bad.body.contains("keine bekannte Region"))
        }
    }

    @Test("a search's Atom feed lists its entries, newest here first, and feedparser reads it")
    func searchFeed() async throws {
        let test = try await ExampleFederation.nationalNode(hosts: ["localhost", "catalog.example"])
        defer { test.remove() }
        var newest = Fixtures.training(id: "reinraum-neu")
        newest.title = LocalizedText(["de": "Reinraum-Kurs, ganz neu"])
        var local = Fixtures.training(id: "reinraum-intern")
        local.title = LocalizedText(["de": "Reinraum intern"])
        local.visibility = .local
        var odd = Fixtures.training(id: "reinraum-sonderzeichen")
        odd.title = LocalizedText(["de": "Reinraum \u{FFFE}Kurs\u{FFFF}"])
        _ = try await test.node.put([newest, local, odd])
        try await app(test).test(.router) { client in
            let feed = try await get(client, "/feed.atom?q=Reinraum")
            #expect(feed.status == .ok && feed.headers[.contentType] == "application/atom+xml; charset=utf-8")
            let parsed = try python(
                """
                import sys, feedparser
                feed = feedparser.parse(open(sys.argv[1], encoding="utf-8").read())
                assert not feed.bozo, feed.bozo_exception
                assert feed.version == "atom10", feed.version
                print(len(feed.entries))
                for entry in feed.entries: print(entry.link)
                """, on: feed.body, in: test, module: "feedparser"
            ).split(separator: "\n").map(String.init)
            #expect(Int(parsed.first ?? "") ?? 0 >= 3)
            #expect(
                parsed.dropFirst().first
                    == "https://catalog.example:8443/entries/national/reinraum-sonderzeichen?lang=de")
            #expect(parsed.dropFirst(2).first == "https://catalog.example:8443/entries/national/reinraum-neu?lang=de")
            #expect(
                parsed.contains("https://catalog.example:8443/entries/microtech-sued/reinraum-grundlagen-2027?lang=de"))
            #expect(!feed.body.contains("reinraum-intern"))
            // The search page hands out both subscriptions, and a Host header that is not a host
            // name, or names a host the config does not, does not get into them: the config's
            // first host does.
            for host in ["evil.example\"><script>", "evil.example", "evil.example:8443"] {
                let page = try await get(client, "/?q=Reinraum", host: host)
                #expect(page.body.contains(#"href="webcal://localhost:8443/calendar.ics?q=Reinraum&amp;lang=de""#))
                #expect(
                    page.body.contains(
                        #"type="application/atom+xml" href="https://localhost:8443/feed.atom?q=Reinraum&amp;lang=de""#))
                #expect(!page.body.contains("evil.example"), "\(host)")
            }
            let named = try await get(client, "/?q=Reinraum", host: "CATALOG.example:8443")
            #expect(named.body.contains("https://CATALOG.example:8443/feed.atom?q=Reinraum"))
        }
    }
}

extension WebSubscriptionTests {
    @Test("a feed shows no time after now, however an origin dates its entries; junk parameters reach no page")
    func feedTimesAndJunk() async throws {
        let test = try await ExampleFederation.nationalNode(hosts: ["localhost", "catalog.example"])
        defer { test.remove() }
        // The entries say 2026-11-29; seen from a day before, that is the future.
        let before = try #require(Timestamp.parse("2026-11-28T12:00:00Z"))
        let request = WebRequest(parameters: ["q": "Reinraum"], language: .de, base: "https://catalog.example")
        let feed = try await WebCatalog.searchFeed(node: test.node, request: request, now: before)
        #expect(feed.status == 200 && feed.body.contains("<updated>2026-11-28T12:00:00Z</updated>"))
        #expect(!feed.body.contains("2026-11-29"))
        try await app(test).test(.router) { client in
            let page = try await get(client, "/?q=Reinraum&zzjunk=zzvalue&page=1")
            #expect(page.status == .ok && !page.body.contains("zzjunk") && !page.body.contains("zzvalue"))
        }
    }

    @Test("/dcat.jsonld describes the catalog in DCAT-AP: rdflib reads it and finds every mandatory property")
    func dcat() async throws {
        let test = try await ExampleFederation.nationalNode(hosts: ["localhost", "catalog.example"])
        defer { test.remove() }
        try await app(test).test(.router) { client in
            let answer = try await get(client, "/dcat.jsonld")
            #expect(answer.status == .ok && answer.headers[.contentType] == "application/ld+json; charset=utf-8")
            let report = try python(
                """
                import sys, rdflib
                from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF
                g = rdflib.Graph().parse(sys.argv[1], format="json-ld")
                catalogs = list(g.subjects(RDF.type, DCAT.Catalog))
                assert len(catalogs) == 1, catalogs
                c = catalogs[0]
                for p in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCTERMS.license, DCTERMS.modified):
                    assert g.value(c, p) is not None, ("catalog", p)
                assert g.value(g.value(c, DCTERMS.publisher), FOAF.name) is not None
                datasets = list(g.objects(c, DCAT.dataset))
                for d in datasets:
                    assert (d, RDF.type, DCAT.Dataset) in g
                    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCTERMS.spatial, DCAT.theme, DCTERMS.modified):
                        assert g.value(d, p) is not None, (d, p)
                    assert g.value(g.value(d, DCTERMS.publisher), FOAF.name) is not None
                    distributions = list(g.objects(d, DCAT.distribution))
                    assert len(distributions) == 6, (d, distributions)
                    for x in distributions:
                        assert g.value(x, DCAT.accessURL) is not None and g.value(x, DCTERMS.format) is not None
                    csv = [x for x in distributions if str(g.value(x, DCAT.mediaType)).endswith("/text/csv")]
                    assert len(csv) == 1 and str(g.value(csv[0], DCAT.downloadURL)).endswith("/catalog.csv"), csv
                print(len(datasets))
                print(sorted(str(g.value(d, DCTERMS.identifier)) for d in datasets))
                """, on: answer.body, in: test, module: "rdflib")
            let lines = report.split(separator: "\n").map(String.init)
            #expect(lines.first == String(ExampleFederation.clusters.count), "\(report)")
            #expect(lines.last?.contains("'microtech-sued'") == true)
            #expect(answer.body.contains("http://data.europa.eu/nuts/code/DE2"))  // Bavaria's clusters
            #expect(!answer.body.contains("mitglieder"))
            // The JSON-LD distribution it names answers with schema.org.
            let jsonLD = try await get(client, "/catalog.jsonld?origin=microtech-sued")
            #expect(jsonLD.status == .ok && jsonLD.body.contains("https://schema.org"))
            #expect(jsonLD.body.contains("reinraum-grundlagen-2027") && !jsonLD.body.contains("mitglieder-stammtisch"))
            // So does the CSV: the origin's public entries in the import's columns, one row per session.
            let csv = try await get(client, "/origins/microtech-sued/catalog.csv")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8; header=present")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"microtech-sued.csv\"")
            #expect(
                csv.body.hasPrefix("id,type,kind,format,title_de,")
                    && csv.body.contains("\r\nreinraum-grundlagen-2027,"))
            #expect(!csv.body.contains("mitglieder-stammtisch"))
            let imported = try CatalogImporter.read(Data(csv.body.utf8), format: .csv, name: "microtech-sued.csv")
            #expect(imported.contains { $0.id == "reinraum-grundlagen-2027" } && imported.allSatisfy { !$0.isLocal })
            let excel = try await get(client, "/origins/microtech-sued/catalog.csv?form=excel")
            #expect(excel.status == .ok && excel.body.hasPrefix("\u{FEFF}id;type;"))
            #expect(try await get(client, "/origins/microtech-sued/catalog.csv?form=pdf").status == .badRequest)
            #expect(try await get(client, "/origins/nobody/catalog.csv").status == .notFound)
        }
    }
}
