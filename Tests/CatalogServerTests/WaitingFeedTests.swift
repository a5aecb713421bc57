import CatalogCore
import CatalogNode
import CatalogServer
import CatalogTestSupport
import CatalogWire
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CatalogServer

/// `/v1/changes?wait=`: an answer held until something is past the cursor.
@Suite("The waiting feed")
struct WaitingFeedTests {
    func app(_ node: Node) -> some ApplicationProtocol {
        var limits = ServerLimits()
        limits.expensiveTimeout = .seconds(300)
        return Application(router: buildRouter(node: node, metrics: NodeMetrics(node: node), limits: limits))
    }

    @Test("a held request answers as soon as an entry is stored, in the usual format, with the wait it was given")
    func wakesOnWrite() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training()])
        let node = test.node
        let waiters = FeedWaiters(store: node.store)
        var limits = ServerLimits()
        limits.expensiveTimeout = .seconds(300)
        let held = Application(
            router: buildRouter(node: node, metrics: NodeMetrics(node: node), limits: limits, waiters: waiters))
        try await held.test(.router) { client in
            let now = try await client.execute(uri: "/v1/changes?since=0", method: .get) {
                try FeedAnswer(parsing: Data(buffer: $0.body))
            }
            #expect(now.header.wait == nil && now.header.count == 2)
            let end = try #require(now.header.next)
            // The write comes once the request is held.
            let writer = Task {
                while waiters.heldCount == 0 { try await Task.sleep(for: .milliseconds(50)) }
                try await node.put([Fixtures.offering()])
            }
            // Were it not woken, the answer would come after 40 s with nothing in it.
            let answer = try await client.execute(uri: "/v1/changes?since=\(end)&wait=40", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == FeedHeader.contentType)
                return try FeedAnswer(parsing: Data(buffer: response.body))
            }
            try await writer.value
            #expect(answer.header.wait == 40 && answer.header.count >= 1)
            let ids = try answer.lines.compactMap { line -> String? in
                let envelope = try Envelope(bytes: line)
                return envelope.payloadType == PayloadType.entry ? try SignedEntry(envelope: envelope).id : nil
            }
            #expect(ids == ["medtech-forum"])
        }
    }

    @Test(
        "with nothing new the answer comes when the wait ends, empty; something already past the cursor comes at once")
    func quietAndAtOnce() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training()])
        try await app(test.node).test(.router) { client in
            let quiet = try await client.execute(uri: "/v1/changes?since=1000&wait=1", method: .get) {
                try FeedAnswer(parsing: Data(buffer: $0.body))
            }
            #expect(quiet.header.count == 0 && quiet.header.wait == 1 && quiet.header.next == 1000)
            let ready = try await client.execute(uri: "/v1/changes?since=0&wait=60", method: .get) {
                try FeedAnswer(parsing: Data(buffer: $0.body))
            }
            #expect(ready.header.count == 2 && ready.header.wait == 0)
            for bad in ["wait=61", "wait=-1", "wait=abc", "wait=1&wait=2"] {
                try await client.execute(uri: "/v1/changes?since=0&\(bad)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
        }
    }

    @Test("held requests are bounded per node, and none is held once the node shuts down")
    func bounded() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        let waiters = FeedWaiters(store: test.node.store)
        let later = ContinuousClock.now + .seconds(60)
        let places = (0..<FeedWaiters.maxHeld).compactMap { _ in waiters.hold(until: later) }
        #expect(places.count == FeedWaiters.maxHeld && Set(places).count == places.count)
        #expect(waiters.hold(until: later) == nil)
        waiters.release(places[0])
        #expect(waiters.hold(until: later) != nil)
        // A place whose answer was never written frees itself after its deadline.
        waiters.release(places[1])
        #expect(waiters.hold(until: ContinuousClock.now - .seconds(10)) != nil)
        #expect(waiters.hold(until: later) != nil)
        waiters.shutDown()
        waiters.release(places[2])
        #expect(waiters.hold(until: later) == nil)
        // A waiter let go by the shutdown returns at once, not when its deadline passes.
        let stamp = try await waiters.stamp()
        let started = ContinuousClock.now
        try await waiters.waitForChange(from: stamp, until: started + .seconds(60))
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}
