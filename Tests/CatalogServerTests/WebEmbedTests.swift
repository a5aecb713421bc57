import CatalogCore
import CatalogNode
import CatalogServer
import CatalogTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `/embed`, its framing policy, and cross-site reads of `/v1/search` from the configured sites.
@Suite("The embeddable list and cross-site search")
struct WebEmbedTests {
    static let site = "https://www.medicalmountains.example"

    func makeNode(embedOrigins: [String]) async throws -> TestNode {
        let test = try await TestNode.make { $0.embedOrigins = embedOrigins }
        var local = Fixtures.offering(id: "intern", kind: "survey")
        local.title = LocalizedText(["de": "Interne Umfrage"])
        local.visibility = .local
        _ = try await test.node.put([Fixtures.training(), Fixtures.offering(), local])
        return test
    }

    func app(_ test: TestNode) -> some ApplicationProtocol {
        var limits = ServerLimits()
        limits.expensiveTimeout = .seconds(300)
        return Application(router: buildRouter(node: test.node, metrics: NodeMetrics(node: test.node), limits: limits))
    }

    @Test("only the configured sites may frame /embed; every other page may be framed by nobody")
    func framing() async throws {
        let test = try await makeNode(embedOrigins: [Self.site, "https://portal.example:8443"])
        defer { test.remove() }
        try await app(test).test(.router) { client in
            try await client.execute(uri: "/embed?type=training&limit=3", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(
                    response.headers[.contentSecurityPolicy]?.hasSuffix(
                        "frame-ancestors https://www.medicalmountains.example https://portal.example:8443") == true)
                #expect(
                    body.contains("GMP-Grundlagen") && !body.contains("MedTech-Forum")
                        && body.contains(#"target="_blank""#))
                #expect(!body.contains("<header") && !body.contains("<form"))
            }
            try await client.execute(uri: "/?q=GMP", method: .get) { response in
                #expect(response.headers[.contentSecurityPolicy]?.hasSuffix("frame-ancestors 'none'") == true)
            }
            try await client.execute(uri: "/embed?q=Umfrage", method: .get) { response in
                #expect(!String(buffer: response.body).contains("Interne Umfrage"))
            }
            try await client.execute(uri: "/embed?limit=50", method: .get) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("1 bis 20"))
            }
        }
        let closed = try await makeNode(embedOrigins: [])
        defer { closed.remove() }
        try await app(closed).test(.router) { client in
            try await client.execute(uri: "/embed", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentSecurityPolicy]?.hasSuffix("frame-ancestors 'none'") == true)
            }
        }
    }

    @Test("GET /v1/search answers a configured site's browser with its Origin, errors too, and no other site")
    func crossSiteSearch() async throws {
        let test = try await makeNode(embedOrigins: [Self.site])
        defer { test.remove() }
        try await app(test).test(.router) { client in
            for (uri, status) in [("/v1/search?q=GMP", HTTPResponse.Status.ok), ("/v1/search?limit=0", .badRequest)] {
                try await client.execute(uri: uri, method: .get, headers: [.origin: Self.site]) { response in
                    #expect(response.status == status)
                    #expect(response.headers[.accessControlAllowOrigin] == Self.site, "\(uri)")
                    #expect(response.headers[.vary] == "Origin")
                }
            }
            try await client.execute(
                uri: "/v1/search?q=GMP", method: .get, headers: [.origin: "https://elsewhere.example"]
            ) { response in
                #expect(response.status == .ok && response.headers[.accessControlAllowOrigin] == nil)
            }
            try await client.execute(uri: "/v1/node", method: .get, headers: [.origin: Self.site]) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
        }
    }

    @Test("a config whose embedOrigins is not a list of web origins is refused, naming the entry")
    func badEmbedOrigins() throws {
        for bad in [
            "www.example.de", "https://example.de/path", "javascript:alert(1)", "https://exa mple.de",
            "https://x.de:99999",
        ] {
            let config = NodeConfig(
                name: "medicalmountains", displayName: "M", level: .cluster, region: "DE-BW", embedOrigins: [bad])
            #expect(config.problems().contains { $0.contains("embedOrigins entry") }, "\(bad)")
        }
        let good = NodeConfig(
            name: "medicalmountains", displayName: "M", level: .cluster, region: "DE-BW",
            embedOrigins: ["https://www.example.de", "http://localhost:8080"])
        #expect(good.problems().isEmpty)
    }
}

@Suite("Addresses a page hands out behind a reverse proxy")
struct WebProxyTests {
    @Test("plain HTTP behind a proxy that says https hands out https addresses; without it, http")
    func forwardedScheme() async throws {
        let test = try await TestNode.make { $0.hosts = ["exchange.example"] }
        defer { test.remove() }
        var limits = ServerLimits()
        limits.expensiveTimeout = .seconds(300)
        let router = buildRouter(
            node: test.node, metrics: NodeMetrics(node: test.node), limits: limits, scheme: "http")
        try await Application(router: router).test(.router) { client in
            let host = HTTPFields.Element.Name("Host")!
            let proxied: HTTPFields = [
                host: "exchange.example", HTTPFields.Element.Name("X-Forwarded-Proto")!: "https",
            ]
            try await client.execute(uri: "/?q=GMP", method: .get, headers: proxied) { response in
                #expect(String(buffer: response.body).contains("https://exchange.example/feed.atom?q=GMP"))
            }
            try await client.execute(uri: "/?q=GMP", method: .get, headers: [host: "exchange.example"]) { response in
                #expect(String(buffer: response.body).contains("http://exchange.example/feed.atom?q=GMP"))
            }
        }
        let tls = buildRouter(node: test.node, metrics: NodeMetrics(node: test.node), limits: limits)
        try await Application(router: tls).test(.router) { client in
            // Over TLS a forwarded scheme changes nothing.
            let headers: HTTPFields = [
                HTTPFields.Element.Name("Host")!: "exchange.example",
                HTTPFields.Element.Name("X-Forwarded-Proto")!: "http",
            ]
            try await client.execute(uri: "/?q=GMP", method: .get, headers: headers) { response in
                #expect(String(buffer: response.body).contains("https://exchange.example/feed.atom?q=GMP"))
            }
        }
    }
}

@Suite("The sample config of examples/deploy")
struct SampleConfigTests {
    @Test("loads with every key checked, the web keys included")
    func sampleLoads() throws {
        let config = try NodeConfig.load(
            from: Fixtures.repositoryRoot.appendingPathComponent("examples/deploy/config.yaml"))
        #expect(config.embedOrigins == ["https://www.medicalmountains.example"])
        #expect(config.dataLicence == NodeConfig.defaultDataLicence)
    }
}
