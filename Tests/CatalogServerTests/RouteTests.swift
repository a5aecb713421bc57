import CatalogCore
import CatalogReports
import CatalogServer
import CatalogStore
import CatalogTestSupport
import CatalogWire
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The protocol's routes")
struct RouteTests {
    /// A node with two federated entries and one local one.
    func makeNode() async throws -> TestNode {
        let test = try await TestNode.make()
        var local = Fixtures.offering(id: "mitgliederumfrage", kind: "survey")
        local.visibility = .local
        try await test.node.put([Fixtures.training(), Fixtures.offering(), local])
        return test
    }

    /// The routes with a deadline far beyond any answer here: these tests are about what the routes
    /// answer, not how fast a loaded machine computes it (LimitTests checks the deadline).
    func app(_ test: TestNode) -> some ApplicationProtocol {
        var limits = ServerLimits()
        limits.expensiveTimeout = .seconds(300)
        return Application(router: buildRouter(node: test.node, metrics: NodeMetrics(node: test.node), limits: limits))
    }

    @Test(
        "each answered request is one log line with method, path and status; an unexpected failure is logged, not served"
    )
    func requestLog() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        let log = CapturedLog()
        let app = Application(
            router: buildRouter(node: test.node, metrics: NodeMetrics(node: test.node)), logger: log.logger())
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/node", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/nothing?q=secret", method: .get) { #expect($0.status == .notFound) }
            try test.node.store.close()
            try await client.execute(uri: "/v1/search?q=GMP", method: .get) { response in
                #expect(response.status == .internalServerError)
                let body = String(buffer: response.body)
                #expect(body.contains("internal") && !body.contains("database"))
            }
        }
        let lines = log.all.filter { $0.level == .info }.map(\.text)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("GET /v1/node 200 ") == true && lines.first?.hasSuffix(" ms") == true)
        #expect(
            lines.dropFirst().first?.hasPrefix("GET /v1/nothing 404 ") == true && !lines.joined().contains("secret"))
        #expect(lines.last?.hasPrefix("GET /v1/search 500 ") == true)
        let failures = log.all.filter { $0.level == .error }
        #expect(failures.count == 1 && failures.first?.text == "cannot answer GET /v1/search")
        #expect(failures.first?.metadata["error"]?.contains("database") == true)
    }

    @Test("/v1/node names the node and its key")
    func node() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await app(test).test(.router) { client in
            try await client.execute(uri: "/v1/node", method: .get) { response in
                #expect(response.status == .ok)
                let info = try JSONDecoder().decode(NodeInfo.self, from: Data(buffer: response.body))
                #expect(info.name == "medicalmountains" && info.level == "cluster" && info.region == "DE-BW")
                #expect(info.keys.first?.publicKey == test.node.publicKey.text)
            }
        }
    }

    @Test("/v1/changes serves stored envelopes byte for byte as NDJSON, pages with a cursor, and never local entries")
    func changes() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        let stored = try await test.node.store.entry(origin: "medicalmountains", id: "gmp-grundlagen")
        try await app(test).test(.router) { client in
            let all = try await client.execute(uri: "/v1/changes?since=0", method: .get) { response in
                #expect(response.headers[.contentType] == FeedHeader.contentType)
                return try FeedAnswer(parsing: Data(buffer: response.body))
            }
            // Two federated entries and the head; the local survey stays home.
            #expect(all.header.count == 3 && all.header.more == false)
            #expect(all.lines.contains(stored?.envelope ?? Data()))
            #expect(!all.lines.contains { String(decoding: $0, as: UTF8.self).contains("bWl0Z2xpZWRlcnVtZnJhZ2") })
            let payloadTypes = try all.lines.map { try Envelope(bytes: $0).payloadType }
            #expect(payloadTypes.filter { $0 == PayloadType.head }.count == 1)

            let first = try await client.execute(uri: "/v1/changes?since=0&limit=2", method: .get) { response in
                try FeedAnswer(parsing: Data(buffer: response.body))
            }
            #expect(first.lines.count == 2 && first.header.more == true)
            let rest = try await client.execute(
                uri: "/v1/changes?since=\(first.header.next ?? -1)&limit=2", method: .get
            ) {
                response in try FeedAnswer(parsing: Data(buffer: response.body))
            }
            #expect(rest.lines.count == 1 && rest.header.more == false)
            #expect(first.lines + rest.lines == all.lines)
        }
    }

    @Test(
        "bad query values get a 400 JSON error naming the parameter",
        arguments: ["since=-1", "since=abc", "limit=0", "limit=5000"])
    func badQueries(query: String) async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await app(test).test(.router) { client in
            try await client.execute(uri: "/v1/changes?\(query)", method: .get) { response in
                #expect(response.status == .badRequest)
                let text = String(buffer: response.body)
                #expect(text.contains("\"code\":\"bad-request\""))
                #expect(text.contains(query.hasPrefix("since") ? "since" : "limit"))
            }
        }
    }

    @Test("/v1/entries serves one federated envelope; local and unknown entries are 404")
    func entries() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        let stored = try #require(try await test.node.store.entry(origin: "medicalmountains", id: "medtech-forum"))
        try await app(test).test(.router) { client in
            try await client.execute(uri: "/v1/entries/medicalmountains/medtech-forum", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == stored.envelope)
            }
            for uri in [
                "/v1/entries/medicalmountains/mitgliederumfrage", "/v1/entries/medicalmountains/nothing",
                "/v1/entries/x/y",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(String(buffer: response.body).contains("not-found"))
                }
            }
        }
    }

    @Test("/v1/heads, /v1/endorsements, /healthz and an unknown route")
    func others() async throws {
        let test = try await TestNode.make(name: "bw-agency", level: .agency)
        defer { test.remove() }
        _ = try await test.node.endorse(
            subject: "medicalmountains", key: NodeSigningKey(origin: "medicalmountains").publicKey, region: "DE-BW",
            level: .cluster)
        try await app(test).test(.router) { client in
            let heads = try await client.execute(uri: "/v1/heads", method: .get) {
                try FeedAnswer(parsing: Data(buffer: $0.body))
            }
            #expect(heads.lines.count == 1)
            #expect(try SignedHead(bytes: heads.lines[0]).head.origin == "bw-agency")
            let endorsements = try await client.execute(uri: "/v1/endorsements", method: .get) {
                try FeedAnswer(parsing: Data(buffer: $0.body))
            }
            #expect(try SignedEndorsement(bytes: endorsements.lines[0]).endorsement.subject == "medicalmountains")
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json")
            }
        }
    }

    @Test("/metrics exposes entries per origin, refusals by reason and request counts")
    func metrics() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        _ = try await test.node.store.applyReceived(
            [], refusals: [Refusal(peer: "bw", reason: .badSignature, detail: "test")], peer: "bw", cursor: 0)
        try await app(test).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                // The members-only survey is not counted: /metrics shows no more than the feed.
                #expect(text.contains(#"clusternode_entries{origin="medicalmountains"} 2"#))
                #expect(text.contains(#"clusternode_refusals{reason="bad-signature"} 1"#))
                #expect(text.contains(#"clusternode_http_requests_total{route="/healthz",status="200"} 1"#))
            }
        }
    }

    @Test("/v1/search answers like search --json, and names a bad parameter")
    func search() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await app(test).test(.router) { client in
            try await client.execute(uri: "/v1/search?q=GMP%20Grundlagen&type=training&facets=true", method: .get) {
                response in
                #expect(response.status == .ok)
                let answer = try JSONDecoder().decode(SearchResponse.self, from: Data(buffer: response.body))
                #expect(answer.hits.map(\.id) == ["gmp-grundlagen"])
                #expect(answer.hits.first?.verified == true && answer.facets?["kind"] != nil)
            }
            try await client.execute(uri: "/v1/search?q=umfrage", method: .get) { response in
                let answer = try JSONDecoder().decode(SearchResponse.self, from: Data(buffer: response.body))
                #expect(answer.total == 0)  // the local survey is not searchable from outside
            }
            for query in [
                "type=course", "limit=0", "from=2027-02-30", "region=Bayrn", "q=" + String(repeating: "x", count: 600),
            ] {
                try await client.execute(uri: "/v1/search?\(query)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(query)")
                }
            }
            // Labels and short forms name their terms here too.
            var totals: [Int] = []
            for query in ["region=DE-BW&topic=medtech", "region=BW&topic=Medizintechnik&from=01.01.2027"] {
                try await client.execute(uri: "/v1/search?\(query)", method: .get) { response in
                    #expect(response.status == .ok, "\(query)")
                    totals.append(
                        try JSONDecoder().decode(SearchResponse.self, from: Data(buffer: response.body)).total)
                }
            }
            #expect(totals.count == 2 && totals[0] > 0 && totals[0] == totals[1], "\(totals)")
        }
    }

    @Test("/overview is the HTML page and /v1/overview the same numbers as JSON")
    func overview() async throws {
        let test = try await makeNode()
        defer { test.remove() }
        try await app(test).test(.router) { client in
            try await client.execute(uri: "/v1/overview", method: .get) { response in
                #expect(response.status == .ok)
                let report = try JSONDecoder().decode(OverviewReport.self, from: Data(buffer: response.body))
                #expect(report.entries == 2)  // the local survey does not count
                #expect(report.byKind.map(\.key).sorted() == ["event", "training"])
            }
            try await client.execute(uri: "/overview", method: .get) { response in
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.contains("<svg") && html.contains("medicalmountains"))
            }
            try await client.execute(uri: "/overview?includePast=maybe", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }
}
