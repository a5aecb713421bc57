import CatalogCore
import CatalogServer
import CatalogTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CatalogServer

@Suite("Server limits")
struct LimitTests {
    @Test("searches beyond the running and waiting limits are told to come back later")
    func expensiveRoutesBounded() async throws {
        let limiter = ConcurrencyLimiter(limit: 1, queueLimit: 1)
        try await limiter.acquire()  // running
        async let waiter: Void = limiter.acquire()  // waits in line
        while await limiter.waitingCount < 1 { await Task.yield() }  // until the second one is in line
        await #expect(throws: APIError.self) { try await limiter.acquire() }  // line full
        await limiter.release()
        try await waiter
        await limiter.release()
        try await limiter.acquire()
        await limiter.release()
    }

    @Test(
        "any method but GET and HEAD is a JSON 405; an unknown route a JSON 404",
        arguments: [HTTPRequest.Method.post, .put, .delete, .patch])
    func methods(method: HTTPRequest.Method) async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        let app = Application(router: buildRouter(node: test.node, metrics: NodeMetrics(node: test.node)))
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/node", method: method, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
                #expect(String(buffer: response.body).contains("method-not-allowed"))
            }
            try await client.execute(uri: "/v1/../../etc/passwd", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json")
            }
        }
    }
}

@Suite("Time limits")
struct TimeLimitTests {
    @Test("a search or overview over its time limit is answered 503, and the next one works")
    func searchTimeout() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training(), Fixtures.offering()])
        var limits = ServerLimits()
        limits.expensiveTimeout = .nanoseconds(1)
        let tight = Application(
            router: buildRouter(node: test.node, metrics: NodeMetrics(node: test.node), limits: limits))
        try await tight.test(.router) { client in
            try await client.execute(uri: "/v1/search?q=GMP", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains(#""code":"timeout""#))
            }
        }
        // The next ones, with a limit no loaded machine reaches: they show the node was not left stuck.
        var roomy = ServerLimits()
        roomy.expensiveTimeout = .seconds(300)
        let normal = Application(
            router: buildRouter(node: test.node, metrics: NodeMetrics(node: test.node), limits: roomy))
        try await normal.test(.router) { client in
            try await client.execute(uri: "/v1/search?q=GMP", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/overview", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("HEAD answers as GET would, with its status and headers and no body, on every kind of route")
    func head() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training(), Fixtures.offering()])
        let app = Application(router: buildRouter(node: test.node, metrics: NodeMetrics(node: test.node)))
        try await app.test(.router) { client in
            for path in [
                "/v1/node", "/v1/changes?since=0", "/v1/heads", "/v1/search?q=GMP", "/v1/overview",
                "/v1/entries/medicalmountains/gmp-grundlagen", "/", "/entries/medicalmountains/gmp-grundlagen",
                "/calendar.ics", "/feed.atom", "/dcat.jsonld", "/nothing-here", "/v1/nothing",
            ] {
                let get = try await client.execute(uri: path, method: .get) { $0 }
                try await client.execute(uri: path, method: .head) { response in
                    #expect(response.status == get.status, "\(path)")
                    #expect(response.headers[.contentType] == get.headers[.contentType], "\(path)")
                    #expect(response.body.readableBytes == 0, "\(path)")
                }
            }
        }
    }
}
