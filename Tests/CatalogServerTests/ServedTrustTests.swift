import CatalogCore
import CatalogNode
import CatalogServer
import CatalogStore
import CatalogTestSupport
import CatalogTrust
import CatalogWire
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// What a node serves follows what it trusts, and `/v1/node` says both: its keys with their seq
/// ranges and the origins it vouches for.
@Suite("What a node serves and vouches for")
struct ServedTrustTests {
    let other = NodeSigningKey(origin: "microtech")

    func app(_ node: Node) -> some ApplicationProtocol {
        var limits = ServerLimits()
        limits.expensiveTimeout = .seconds(300)
        return Application(router: buildRouter(node: node, metrics: NodeMetrics(node: node), limits: limits))
    }

    /// Stores an entry and a head of `microtech` as received from a peer, trusted or not.
    func receiveOtherCatalog(_ test: TestNode) async throws {
        let entry = try SignedEntry.sign(
            .version(
                of: Fixtures.offering(id: "mst-forum"), origin: "microtech", seq: 1, updated: "2026-11-29T09:00:00Z"),
            with: other)
        let head = try SignedHead.sign(
            HeadPayload(
                origin: "microtech", seq: 1, live: 1,
                digest: CatalogDigest.compute([
                    .init(id: "mst-forum", seq: 1, payloadHash: CatalogDigest.payloadHash(entry.envelope.payload))
                ]), issued: "2026-11-29T09:00:00Z", expires: "2099-01-01T00:00:00Z"),
            with: other)
        _ = try await test.node.store.applyReceived([.entry(entry), .head(head)], refusals: [], peer: "bw", cursor: 0)
    }

    func pinOther(_ test: TestNode) throws {
        try PeerDirectory(test.node.directory).save(
            PeerFile(
                name: "microtech", displayName: "microTEC Südwest", url: "https://mst.example.org", level: .cluster,
                region: "DE-BW", key: other.publicKey, tls: .system, pinnedAt: "2026-11-29T09:00:00Z"),
            certificatePEM: nil, replace: true)
    }

    func origins(in lines: [Data]) throws -> Set<String> {
        Set(
            try lines.map { line in
                let envelope = try Envelope(bytes: line)
                return envelope.payloadType == PayloadType.head
                    ? try SignedHead(envelope: envelope).head.origin : try SignedEntry(envelope: envelope).origin
            })
    }

    @Test(
        "an origin the node does not trust is in none of its feeds, heads or entries; pinned, it is in all, past a puller's cursor too"
    )
    func untrustedNotServed() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training()])
        try await receiveOtherCatalog(test)
        #expect(try await test.node.store.entry(origin: "microtech", id: "mst-forum") != nil)
        let cursor = Mutex<Int64>(0)
        for trusted in [false, true] {
            if trusted { try pinOther(test) }
            try await app(test.node).test(.router) { client in
                let feed = try await client.execute(uri: "/v1/changes?since=0", method: .get) {
                    try FeedAnswer(parsing: Data(buffer: $0.body))
                }
                let expected: Set<String> = trusted ? ["medicalmountains", "microtech"] : ["medicalmountains"]
                #expect(try origins(in: feed.lines) == expected)
                #expect(feed.header.count == (trusted ? 4 : 2) && feed.header.more == false)
                if !trusted {
                    cursor.withLock { $0 = feed.header.next ?? 0 }
                } else {
                    // A puller whose cursor passed the origin's old positions sees it all the same.
                    let since = cursor.withLock { $0 }
                    let after = try await client.execute(uri: "/v1/changes?since=\(since)", method: .get) {
                        try FeedAnswer(parsing: Data(buffer: $0.body))
                    }
                    #expect(try origins(in: after.lines) == ["microtech"] && after.lines.count == 2)
                }
                let heads = try await client.execute(uri: "/v1/heads", method: .get) {
                    try FeedAnswer(parsing: Data(buffer: $0.body))
                }
                #expect(try origins(in: heads.lines) == expected)
                try await client.execute(uri: "/v1/entries/microtech/mst-forum", method: .get) { response in
                    #expect(response.status == (trusted ? .ok : .notFound))
                }
                let info = try await client.execute(uri: "/v1/node", method: .get) {
                    try JSONDecoder().decode(NodeInfo.self, from: Data(buffer: $0.body))
                }
                #expect(Set(info.vouches?.map(\.origin) ?? []) == expected)
                if trusted {
                    let vouch = try #require(info.vouches?.first { $0.origin == "microtech" })
                    #expect(vouch.level == "cluster" && vouch.region == "DE-BW")
                    #expect(vouch.keys == [other.publicKey.keyID(origin: "microtech")])
                }
            }
        }
    }

    @Test("after a rotation /v1/node lists the current key first and the retired one with the seqs each signed")
    func keysWithRanges() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training(), Fixtures.offering()])
        let old = test.node.publicKey
        let (rotated, rotation) = try await test.node.rotateKey()
        #expect(rotation.rotation.fromSeq == 3)
        let head = try #require(try await rotated.store.head(origin: "medicalmountains"))
        // The catalog is re-signed at seqs 3 and 4: the head is at 4, under the new key.
        #expect(head.seq == 4)
        #expect((try? SignedHead(bytes: head.envelope).verify(with: rotated.publicKey)) != nil)
        try await app(rotated).test(.router) { client in
            let info = try await client.execute(uri: "/v1/node", method: .get) {
                try JSONDecoder().decode(NodeInfo.self, from: Data(buffer: $0.body))
            }
            #expect(info.keys.count == 2)
            let current = try #require(info.keys.first)
            #expect(current.publicKey == rotated.publicKey.text && current.status == .current)
            #expect(current.fromSeq == 3 && current.untilSeq == nil)
            #expect(current.fingerprint.count == 64 && current.keyid.hasSuffix("#" + current.fingerprint.prefix(16)))
            let retired = try #require(info.keys.last)
            #expect(retired.publicKey == old.text && retired.status == .retired)
            #expect(retired.fromSeq == 1 && retired.untilSeq == 2)
            #expect(info.vouches?.map(\.keys) == [[rotated.publicKey.keyID(origin: "medicalmountains")]])
        }
    }

    @Test("an unknown route and a wrong method answer the documented codes; /v1/openapi.yaml is docs/openapi.yaml")
    func errorCodesAndContract() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training()])
        let document = try Data(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("docs/openapi.yaml"))
        try await app(test.node).test(.router) { client in
            try await client.execute(uri: "/v1/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("\"code\":\"not-found\""))
            }
            try await client.execute(uri: "/v1/node", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(String(buffer: response.body).contains("\"code\":\"method-not-allowed\""))
            }
            // One address means one request: a parameter given twice is refused, not read one way or another.
            for uri in [
                "/v1/changes?limit=5&limit=0", "/v1/search?q=a&q=b", "/v1/overview?includePast=1&includePast=0",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(String(buffer: response.body).contains("is given more than once"), "\(uri)")
                }
            }
            try await client.execute(uri: "/v1/overview?includePast=1", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/overview?includePast=TRUE", method: .get) { #expect($0.status == .ok) }
            // Percent-encoded path parameters name the same entry; a long unknown id is not echoed whole.
            try await client.execute(uri: "/v1/entries/medicalmountains/gmp%2Dgrundlagen", method: .get) {
                #expect($0.status == .ok)
            }
            try await client.execute(
                uri: "/v1/entries/medicalmountains/" + String(repeating: "x", count: 5000), method: .get
            ) {
                #expect($0.status == .notFound && $0.body.readableBytes < 600)
            }
            try await client.execute(uri: "/v1/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "application/yaml")
                #expect(Data(buffer: response.body) == document)
            }
        }
    }
}
