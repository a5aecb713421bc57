import CatalogCore
import CatalogNode
import CatalogStore
import CatalogTestSupport
import CatalogTrust
import Foundation
import Testing

@testable import CatalogSync

@Suite("Verifying feed pages")
struct PageVerifierTests {
    let cluster = NodeSigningKey(origin: "medicalmountains")
    var trust: TrustSet {
        TrustSet(
            anchors: [.init(origin: "medicalmountains", key: cluster.publicKey, level: .cluster, region: "DE-BW")],
            endorsements: [], now: Date())
    }

    func envelope(_ entry: Entry = Fixtures.training(), seq: Int64 = 1, key: NodeSigningKey? = nil) throws -> Data {
        try SignedEntry.sign(
            .version(of: entry, origin: "medicalmountains", seq: seq, updated: "2026-11-29T09:00:00Z"),
            with: key ?? cluster
        ).envelope.bytes
    }

    @Test("valid envelopes pass in page order, on several cores")
    func valid() async throws {
        let lines = try (1...100).map { try envelope(Fixtures.offering(id: "offer-\($0)"), seq: Int64($0)) }
        let result = await PageVerifier.verify(lines, trust: trust, peer: "bw")
        #expect(result.refusals.isEmpty)
        #expect(result.items.count == 100)
        let seqs = result.items.compactMap { item -> Int64? in if case .entry(let e) = item { e.seq } else { nil } }
        #expect(seqs == Array(1...100))
    }

    @Test("forged, altered, untrusted, malformed and oversized lines are refused with their reason")
    func refusals() async throws {
        let good = try envelope()
        var object = try #require(JSONSerialization.jsonObject(with: good) as? [String: Any])
        let payload = String(decoding: Data(base64Encoded: object["payload"] as! String)!, as: UTF8.self)
        object["payload"] = Data(payload.replacingOccurrences(of: "450.00", with: "4.50").utf8).base64EncodedString()
        let altered = try JSONSerialization.data(withJSONObject: object)
        let forged = try envelope(key: NodeSigningKey(origin: "medicalmountains"))
        let stranger = try SignedEntry.sign(
            .version(of: Fixtures.training(), origin: "microtech", seq: 1, updated: "2026-11-29T09:00:00Z"),
            with: NodeSigningKey(origin: "microtech")
        ).envelope.bytes
        let oversized = Data(repeating: UInt8(ascii: " "), count: Envelope.maxBytes + 1)
        let lines = [altered, forged, stranger, Data("{not json".utf8), oversized, good]

        let result = await PageVerifier.verify(lines, trust: trust, peer: "bw")
        #expect(
            result.refusals.map(\.reason) == [.badSignature, .badSignature, .untrustedOrigin, .malformed, .oversized])
        #expect(result.items.count == 1)
        #expect(result.refusals.allSatisfy { $0.peer == "bw" })
        #expect(result.refusals[0].entryID == "gmp-grundlagen")
    }

    @Test("an entry that breaks the schema is refused even when its signature verifies")
    func schemaChecked() async throws {
        var entry = Fixtures.training()
        entry.url = "http://insecure.example"
        let line = try envelope(entry)
        let result = await PageVerifier.verify([line], trust: trust, peer: "bw")
        #expect(result.items.isEmpty)
        #expect(result.refusals.first?.reason == .malformed)
        #expect(result.refusals.first?.detail.contains("url") == true)
    }

    @Test("an entry of visibility local, signed by its origin, is refused: it never leaves its node")
    func localRefused() async throws {
        var entry = Fixtures.training()
        entry.visibility = .local
        let result = await PageVerifier.verify([try envelope(entry)], trust: trust, peer: "bw")
        #expect(result.items.isEmpty)
        #expect(result.refusals.first?.reason == .malformed)
        #expect(result.refusals.first?.detail.contains("visibility local") == true)
    }

    @Test("duplicate keys and non-canonical base64 are malformed, however well signed")
    func strictForm() async throws {
        let payload = Data(
            #"{"deleted":true,"id":"a","id":"b","origin":"medicalmountains","seq":1,"updated":"2026-11-29T09:00:00Z"}"#
                .utf8)
        let duplicate = try Envelope.sign(payload: payload, payloadType: PayloadType.entry, with: cluster).bytes
        let result = await PageVerifier.verify([duplicate], trust: trust, peer: "bw")
        #expect(result.refusals.first?.reason == .malformed)
        #expect(result.refusals.first?.detail.contains("a key appears twice") == true)
    }

    @Test("a refusal keeps a short escaped excerpt of what the peer sent, never the bytes whole")
    func refusalDetailIsBounded() async throws {
        let hostileType = String(repeating: "A", count: 250_000) + "\u{1B}[2J"
        let line = try JSONSerialization.data(withJSONObject: [
            "payloadType": "\u{1B}[2J" + hostileType, "payload": "e30=",
            "signatures": [["keyid": "x#1", "sig": "AA=="]],
        ])
        let result = await PageVerifier.verify([line], trust: trust, peer: "bw")
        let refusal = try #require(result.refusals.first)
        #expect(refusal.reason == .malformed)
        #expect(refusal.detail.count <= Refusal.maxDetail)
        #expect(!refusal.detail.unicodeScalars.contains { $0.value == 0x1B })
        #expect(refusal.detail.contains("\\u{1b}"))
    }

    @Test("after a rotation, the old key signs nothing, the new key only from fromSeq")
    func rotatedKeys() async throws {
        let new = NodeSigningKey(origin: "medicalmountains")
        let rotation = try SignedKeyRotation.sign(from: cluster, to: new, fromSeq: 10, issued: "2026-11-20T10:00:00Z")
        let trust = TrustSet(
            anchors: [.init(origin: "medicalmountains", key: cluster.publicKey, level: .cluster, region: "DE-BW")],
            endorsements: [], rotations: [rotation], now: Date())
        let lines = [
            try envelope(seq: 9), try envelope(seq: 5_000_000), try envelope(seq: 10, key: new),
            try envelope(seq: 9, key: new),
        ]
        let result = await PageVerifier.verify(lines, trust: trust, peer: "bw")
        #expect(result.items.count == 1)
        #expect(result.refusals.map(\.reason) == [.retiredKey, .retiredKey, .retiredKey])
        #expect(result.refusals.map(\.seq) == [9, 5_000_000, 9])
        #expect(result.refusals[0].detail.contains("rotation retired"))
    }
}

@Suite("A node's own old versions, relayed after its key rotation")
struct OwnOldVersionTests {
    @Test("its genuine old versions are ignored; an entry its retired key signs anew stays a refusal")
    func ownOldVersions() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training()])
        let genuine = try #require(try await test.node.store.entry(origin: "medicalmountains", id: "gmp-grundlagen"))
        let oldKeyFile = test.node.directory.keysDirectory.appendingPathComponent(
            "retired-\(test.node.publicKey.shortFingerprint).key")
        let (rotated, _) = try await test.node.rotateKey()
        let oldKey = try NodeSigningKey(
            origin: "medicalmountains", pem: String(contentsOf: oldKeyFile, encoding: .utf8))
        var changed = Fixtures.training()
        changed.title = LocalizedText(["de": "Kostenlos für alle"])
        let forged = try SignedEntry.sign(
            .version(of: changed, origin: "medicalmountains", seq: genuine.seq, updated: "2026-11-29T10:00:00Z"),
            with: oldKey)
        let lines = [genuine.envelope, forged.envelope.bytes]
        var verified = await PageVerifier.verify(
            lines, trust: try await NodeTrust.current(rotated), peer: "bw")
        #expect(verified.refusals.map(\.reason) == [.retiredKey, .retiredKey])
        try await SyncRunner.ignoreOwnOldVersions(&verified, lines: lines, node: rotated)
        #expect(verified.refusals.count == 1 && verified.refusedLines == [1])
    }
}
