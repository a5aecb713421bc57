import CatalogCore
import CatalogNode
import CatalogTrust
import CatalogWire
import Hummingbird

/// The routes peers pull from: the change feed, heads, endorsements and single envelopes.
/// Every envelope is served exactly as stored; local entries never leave the node.
struct FeedController<Context: RequestContext>: Sendable {
    let node: Node
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
        let snapshot = try await NodeTrust.snapshot(node)
        try await node.store.serve(origins: snapshot.trust.origins)
        let page = try await node.store.feed(since: since, limit: limit, origins: snapshot.trust.origins)
        return try Responses.feed(
            FeedHeader(
                count: page.items.count, next: page.next, more: page.more, endorsements: snapshot.statementsDigest,
                last: page.last),
            envelopes: page.items.map(\.envelope))
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
