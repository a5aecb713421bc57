import CatalogCore
import CatalogNode
import CatalogStore
import CatalogSync
import CatalogTestSupport
import Foundation
import Testing

/// Each refusal of the federation issue, produced by a relay (the agency `bw`) whose database is
/// tampered with, and observed at the national node `de` that pulls from it.
@Suite(
    "Forged, replayed and tampered envelopes are refused and reported, never stored", .serialized,
    .timeLimit(.minutes(10)))
struct RefusalTests {
    /// mm (a cluster with the example catalog) → bw (agency, serving) → de (national, pins bw).
    func relay(endorse: Bool = true) throws -> Federation { try Federation.relayChain(endorse: endorse) }

    /// Replaces the envelope of `id` in `dir`'s database and moves it to the end of its feed.
    func replaceEnvelope(_ fed: Federation, _ dir: String, id: String, with bytes: Data, seq: Int64? = nil) throws {
        let seqClause = seq.map { ", seq = \($0)" } ?? ""
        let hash = (try? SignedEntry(bytes: bytes).payloadHash).map { ", payload_hash = '\($0)'" } ?? ""
        _ = try fed.sql(
            dir,
            "UPDATE entry SET envelope = X'\(Hex.encode(bytes))'\(seqClause)\(hash), receipt = (SELECT max(receipt) + 1000 FROM entry) WHERE id = '\(id)';"
        )
    }

    func storedEnvelope(_ fed: Federation, _ dir: String, id: String) throws -> Data {
        let hex = try fed.sql(dir, "SELECT hex(envelope) FROM entry WHERE id = '\(id)';")
        var data = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            data.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return data
    }

    /// The envelope with its JSON fields changed by `change`.
    func edited(_ envelope: Data, _ change: (inout [String: Any]) throws -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: envelope) as? [String: Any])
        try change(&object)
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    func refusals(_ report: SyncReport) -> [Refusal.Reason] {
        report.peers.flatMap { $0.refused.map(\.reason) }
    }

    @Test("bytes altered by a relay")
    func alteredBytes() throws {
        let fed = try relay()
        defer { fed.shutDown() }
        let original = try storedEnvelope(fed, "bw", id: "gmp-grundlagen-2027")
        let altered = try edited(original) { object in
            let payload = String(
                decoding: Data(base64Encoded: object["payload"] as? String ?? "") ?? Data(), as: UTF8.self)
            #expect(payload.contains("450.00"))
            object["payload"] = Data(payload.replacingOccurrences(of: "450.00", with: "45.00").utf8)
                .base64EncodedString()
        }
        try replaceEnvelope(fed, "bw", id: "gmp-grundlagen-2027", with: altered)
        let report = try fed.sync("de")
        #expect(refusals(report) == [.badSignature])
        #expect(report.peers.first?.refused.first?.entryID == "gmp-grundlagen-2027")
        #expect(try !fed.ids("de", origin: "mm").contains("gmp-grundlagen-2027"))
        #expect(try fed.ids("de", origin: "mm").count == 4)
        // The copy is incomplete against the origin's head, and sync says so.
        #expect(report.peers.first?.missing == 1)
    }

    @Test("a signature that is not the origin's")
    func forgedSignature() throws {
        let fed = try relay()
        defer { fed.shutDown() }
        let original = try storedEnvelope(fed, "bw", id: "medtech-forum-2027")
        let forged = try edited(original) { object in
            var signatures = object["signatures"] as? [[String: Any]] ?? []
            let impostor = NodeSigningKey(origin: "mm")
            let message = try Envelope(bytes: original).signedMessage
            signatures[0]["sig"] = try impostor.signature(for: message).base64EncodedString()
            object["signatures"] = signatures
        }
        try replaceEnvelope(fed, "bw", id: "medtech-forum-2027", with: forged)
        let text = try fed.cli.run(["sync", "--dir", "de"])
        #expect(text.stdout.contains("1 refused"))
        #expect(text.stdout.contains("refused bad-signature: mm/medtech-forum-2027"))
        #expect(try !fed.ids("de", origin: "mm").contains("medtech-forum-2027"))
    }

    @Test("an origin neither pinned nor endorsed")
    func untrustedOrigin() throws {
        let fed = try relay(endorse: false)
        defer { fed.shutDown() }
        let report = try fed.sync("de")
        #expect(report.ok)
        #expect(refusals(report) == Array(repeating: .untrustedOrigin, count: 6))  // five entries and the head
        #expect(try fed.ids("de", origin: "mm").isEmpty)
        // Once the agency endorses the cluster, the next sync accepts what was refused.
        try fed.endorse("bw", "mm")
        let later = try fed.sync("de")
        #expect(later.peers.first?.added == 5 && refusals(later).isEmpty)
    }

    @Test("an expired endorsement")
    func expiredEndorsement() async throws {
        let fed = try relay(endorse: false)
        defer { fed.shutDown() }
        let agency = try await Node.open(DataDirectory(root: fed.cli.directory.file("bw")))
        let cluster = try await Node.open(DataDirectory(root: fed.cli.directory.file("mm")))
        _ = try await agency.endorse(
            subject: "mm", key: cluster.publicKey, region: "DE-BW", level: .cluster, validDays: 1,
            now: Date().addingTimeInterval(-3 * 86_400))
        try agency.store.close()
        try cluster.store.close()
        let report = try fed.sync("de")
        #expect(Set(refusals(report)) == [.endorsementExpired])
        #expect(try fed.ids("de", origin: "mm").isEmpty)
    }

    @Test("a revoked endorsement")
    func revokedEndorsement() throws {
        let fed = try relay()
        defer { fed.shutDown() }
        try fed.endorse("bw", "mm", extra: ["--revoke"])
        let report = try fed.sync("de")
        #expect(Set(refusals(report)) == [.endorsementRevoked])
        #expect(try fed.ids("de", origin: "mm").isEmpty)
    }

    @Test("an older version replayed by a relay (rollback)")
    func rollback() throws {
        let fed = try relay()
        defer { fed.shutDown() }
        #expect(try fed.sync("de").peers.first?.added == 5)
        let old = try storedEnvelope(fed, "bw", id: "medtech-forum-2027")
        let oldSeq = try SignedEntry(bytes: old).seq
        try fed.cli.succeed([
            "entries", "add", "--dir", "mm", "--update", "--type", "offering", "--kind", "event", "--id",
            "medtech-forum-2027",
            "--title", "MedTech-Forum Süd 2027 – verschoben", "--topic", "medtech",
        ])
        #expect(try fed.sync("bw").peers.first?.updated == 1)
        #expect(try fed.sync("de").peers.first?.updated == 1)
        let newSeq = try fed.sql("de", "SELECT seq FROM entry WHERE id = 'medtech-forum-2027'")

        try replaceEnvelope(fed, "bw", id: "medtech-forum-2027", with: old, seq: oldSeq)
        let replay = try fed.sync("de")
        #expect(refusals(replay) == [.rollback])
        #expect(try fed.sql("de", "SELECT seq FROM entry WHERE id = 'medtech-forum-2027'") == newSeq)
    }

    @Test("two different envelopes with the same origin and seq (equivocation)")
    func equivocation() async throws {
        let fed = try relay()
        defer { fed.shutDown() }
        #expect(try fed.sync("de").peers.first?.added == 5)
        let original = try SignedEntry(bytes: try storedEnvelope(fed, "bw", id: "gmp-grundlagen-2027"))
        // The origin itself signs a second, different version under the same seq.
        let pem = try String(contentsOf: fed.cli.directory.file("mm/keys/signing.key"), encoding: .utf8)
        let key = try NodeSigningKey(origin: "mm", pem: pem)
        var entry = try #require(original.entry)
        entry.title = LocalizedText(["de": "GMP-Grundlagen (zweite Fassung)"])
        let twin = try SignedEntry.sign(
            .version(of: entry, origin: "mm", seq: original.seq, updated: original.payload.updated), with: key)
        try replaceEnvelope(fed, "bw", id: "gmp-grundlagen-2027", with: twin.envelope.bytes)

        let report = try fed.sync("de")
        #expect(refusals(report) == [.equivocation])
        let kept = try fed.sql("de", "SELECT hex(envelope) FROM entry WHERE id = 'gmp-grundlagen-2027'")
        #expect(kept == Hex.encode(original.envelope.bytes).uppercased())
    }

    @Test("an oversized envelope and malformed JSON; refusals show on /metrics")
    func oversizedAndMalformed() throws {
        let fed = try relay()
        defer { fed.shutDown() }
        _ = try fed.sql(
            "bw",
            "UPDATE entry SET envelope = CAST(printf('%.*c', 300000, 'x') AS BLOB), receipt = (SELECT max(receipt) + 1000 FROM entry) WHERE id = 'gmp-grundlagen-2027';"
        )
        try replaceEnvelope(fed, "bw", id: "medtech-forum-2027", with: Data(#"{"payloadType": 5, "payload": [}"#.utf8))
        let report = try fed.sync("de")
        #expect(report.ok)
        #expect(Set(refusals(report)) == [.oversized, .malformed])
        #expect(try fed.ids("de", origin: "mm").count == 3)

        let de = try fed.serve("de")
        let metrics = try Shell.run(
            "curl", ["-sS", "--cacert", fed.cli.directory.file("de/tls/cert.pem").path, "\(de.url)/metrics"])
        #expect(metrics.stdout.contains(#"clusternode_refusals{reason="oversized"} 1"#))
        #expect(metrics.stdout.contains(#"clusternode_refusals{reason="malformed"} 1"#))
    }
}
