import CatalogCore
import CatalogNode
import CatalogTrust
import CatalogWire
import Foundation
import Hummingbird

/// The routes peers pull from: the change feed, heads, endorsements and single envelopes.
/// Every envelope is served exactly as stored; local entries never leave the node.
struct FeedController<Context: RequestContext>: Sendable {
    let node: Node
    let waiters: FeedWaiters
    static var defaultLimit: Int { 500 }
    static var maxLimit: Int { 1_000 }

    func addRoutes(to router: Router<Context>) {
        router.get("/v1/changes") { request, _ in try await changes(request) }
        router.get("/v1/heads") { _, _ in try await heads() }
        router.get("/v1/endorsements") { _, _ in try await endorsements() }
        router.get("/v1/entries/:origin/:id") { _, context in
            try await entry(origin: context.parameters.decoded("origin"), id: context.parameters.decoded("id"))
        }
    }

    func changes(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let since =
            try query.get("since").map { text -> Int64 in
                guard let value = Int64(text), value >= 0 else {
                    throw APIError.badRequest("since must be a cursor of 0 or more")
                }
                return value
            } ?? 0
        let limit =
            try query.get("limit").map { text -> Int in
                guard let value = Int(text), (1...Self.maxLimit).contains(value) else {
                    throw APIError.badRequest("limit must be 1 to \(Self.maxLimit)")
                }
                return value
            } ?? Self.defaultLimit
        let wait =
            try query.get("wait").map { text -> Int in
                guard let value = Int(text), (0...FeedWaiters.maxWait).contains(value) else {
                    throw APIError.badRequest("wait must be 0 to \(FeedWaiters.maxWait) seconds")
                }
                return value
            }
        let stamp = try await waiters.stamp()
        let first = try await page(since: since, limit: limit, wait: wait.map { _ in 0 })
        // Nothing past the cursor: hold the answer until something is, the wait ends or the node
        // shuts down, a space before the header line now and then to keep the connection. (HEAD
        // asks for headers only: nothing to hold.)
        let deadline = ContinuousClock.now + .seconds(wait ?? 0)
        guard let wait, wait > 0, first.header.count == 0, request.method == .get,
            let place = waiters.hold(until: deadline)
        else {
            return Responses.bytes(first.body, contentType: FeedHeader.contentType)
        }
        return Response(
            status: .ok, headers: [.contentType: FeedHeader.contentType, .cacheControl: "no-store"],
            body: ResponseBody { [self] writer in
                defer { waiters.release(place) }
                var answer = first
                var seen = stamp
                while answer.header.count == 0, ContinuousClock.now < deadline, !waiters.isShutDown {
                    let beat = min(deadline, ContinuousClock.now + FeedWaiters.heartbeat)
                    try await waiters.waitForChange(from: seen, until: beat)
                    let now = try await waiters.stamp()
                    if now != seen {
                        seen = now
                        answer = try await page(since: since, limit: limit, wait: wait)
                        if answer.header.count > 0 || answer.header.endorsements != first.header.endorsements {
                            break
                        }
                    } else if ContinuousClock.now < deadline {
                        try await writer.write(ByteBuffer(string: " "))
                    }
                }
                if answer.header.wait != wait {
                    // Still the first, empty page: the same header, saying how long it was held.
                    let header = answer.header
                    answer.header = FeedHeader(
                        count: 0, next: header.next, more: header.more, endorsements: header.endorsements,
                        last: header.last, wait: wait)
                    answer.body = try FeedAnswer.encode(header: answer.header, envelopes: [])
                }
                try await writer.write(ByteBuffer(bytes: answer.body))
                try await writer.finish(nil)
            })
    }

    /// One page of the feed as NDJSON, with its header.
    private func page(since: Int64, limit: Int, wait: Int?) async throws -> (header: FeedHeader, body: Data) {
        let snapshot = try await NodeTrust.snapshot(node)
        try await node.store.serve(origins: snapshot.trust.origins)
        let page = try await node.store.feed(since: since, limit: limit, origins: snapshot.trust.origins)
        let header = FeedHeader(
            count: page.items.count, next: page.next, more: page.more, endorsements: snapshot.statementsDigest,
            last: page.last, wait: wait)
        return (header, try FeedAnswer.encode(header: header, envelopes: page.items.map(\.envelope)))
    }

    /// The newest head of every origin the node trusts.
    func heads() async throws -> Response {
        let trust = try await NodeTrust.current(node)
        let heads = try await node.store.heads().filter { trust.isTrusted($0.origin) }
        return try Responses.feed(FeedHeader(count: heads.count), envelopes: heads.map(\.envelope))
    }

    /// The trust statements the node holds and would accept itself: endorsements, then key
    /// rotations.
    func endorsements() async throws -> Response {
        let statements = try await NodeTrust.snapshot(node).statements
        return try Responses.feed(FeedHeader(count: statements.count), envelopes: statements)
    }

    func entry(origin: String, id: String) async throws -> Response {
        guard let stored = try await node.store.entry(origin: origin, id: id), stored.visibility == .federated,
            try await NodeTrust.current(node).isTrusted(origin)
        else {
            throw APIError.notFound("no entry \(SafeText.excerpt("\(origin)/\(id)", limit: 200))")
        }
        return Responses.bytes(stored.envelope, contentType: "application/json")
    }
}
