import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogSync
@testable import CatalogTrust

/// docs/test-vectors/, recomputed from the project's own code: what the document promises an
/// implementer is what this node does. (scripts/check-test-vectors.py recomputes them in Python.)
@Suite("The protocol's test vectors")
struct TestVectorTests {
    struct Key: Decodable {
        let name, seed, publicKey, fingerprint, keyid: String

        /// The private key from its 32-byte seed, through PKCS #8 (RFC 8410) so that no crypto
        /// library needs importing here.
        func signingKey(origin: String) throws -> NodeSigningKey {
            let der = try #require(TestVectorTests.bytes(hex: "302e020100300506032b657004220420" + seed))
            let pem = "-----BEGIN PRIVATE KEY-----\n\(der.base64EncodedString())\n-----END PRIVATE KEY-----\n"
            return try NodeSigningKey(origin: origin, pem: pem)
        }

        func check(origin: String) throws {
            let key = try signingKey(origin: origin).publicKey
            #expect(key.text == publicKey && key.fingerprint == fingerprint, "\(name)")
            #expect(key.keyID(origin: origin) == keyid && keyid.hasSuffix("#" + fingerprint.prefix(16)), "\(name)")
        }
    }

    static func bytes(hex: String) -> Data? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var data = Data()
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
                return nil
            }
            data.append(byte)
        }
        return data
    }

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let url = Fixtures.repositoryRoot.appendingPathComponent("docs/test-vectors/\(name).json")
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    /// The origin a key name stands for: `medicalmountains-1` is medicalmountains' first key.
    static func origin(ofKey name: String) -> String {
        String(name[..<(name.lastIndex(of: "-") ?? name.endIndex)])
    }

    struct SignatureVector: Decodable {
        let key: Key
        let origin, payloadType, payload, payloadBase64, pae, paeHex, signature, keyid, envelope: String
    }

    @Test("signature.json: key id, PAE bytes, the deterministic Ed25519 signature and the envelope")
    func signature() throws {
        let vector = try Self.load("signature", as: SignatureVector.self)
        try vector.key.check(origin: vector.origin)
        let payload = Data(vector.payload.utf8)
        #expect(payload.base64EncodedString() == vector.payloadBase64)
        let pae = PAE.encode(payloadType: vector.payloadType, payload: payload)
        #expect(pae == Data(vector.pae.utf8) && Hex.encode(pae) == vector.paeHex)
        #expect(vector.payload.utf8.count != vector.payload.count, "the payload holds a character of several bytes")
        let key = try vector.key.signingKey(origin: vector.origin)
        #expect(try key.signature(for: pae).base64EncodedString() == vector.signature)
        let signed = try Envelope.sign(payload: payload, payloadType: vector.payloadType, with: key)
        #expect(String(decoding: signed.bytes, as: UTF8.self) == vector.envelope)
        let entry = try SignedEntry(bytes: Data(vector.envelope.utf8))
        try entry.verify(with: key.publicKey)
        #expect(entry.envelope.signatures.map(\.keyid) == [vector.keyid])
        #expect(EntryValidator.issues(in: try #require(entry.entry)).isEmpty)
    }

    struct HeadVector: Decodable {
        struct Item: Decodable { let id: String, seq: Int64, payload: String, payloadSha256: String }
        struct Head: Decodable { let payload, envelope: String }
        let key: Key
        let origin: String
        let entries: [Item]
        let lines, digest: String
        let live: Int
        let head: Head
    }

    @Test("head-digest.json: the lines of the live entries only, their digest, and the signed head")
    func headDigest() throws {
        let vector = try Self.load("head-digest", as: HeadVector.self)
        try vector.key.check(origin: vector.origin)
        var live: [CatalogDigest.Line] = []
        var tombstones = 0
        for item in vector.entries {
            let payload = Data(item.payload.utf8)
            #expect(CatalogDigest.payloadHash(payload) == item.payloadSha256)
            let decoded = try CatalogJSON.wireDecoder().decode(EntryPayload.self, from: payload)
            #expect(decoded.id == item.id && decoded.seq == item.seq)
            if decoded.deleted {
                tombstones += 1
            } else {
                live.append(.init(id: item.id, seq: item.seq, payloadHash: item.payloadSha256))
            }
        }
        #expect(tombstones == 1 && live.count == vector.live)
        let text = live.sorted { Array($0.id.utf8).lexicographicallyPrecedes(Array($1.id.utf8)) }
            .map { "\($0.id) \($0.seq) \($0.payloadHash)\n" }.joined()
        #expect(text == vector.lines)
        #expect(CatalogDigest.compute(live) == vector.digest)
        let head = try SignedHead(bytes: Data(vector.head.envelope.utf8))
        try head.verify(with: try vector.key.signingKey(origin: vector.origin).publicKey)
        #expect(head.envelope.payload == Data(vector.head.payload.utf8))
        #expect(head.head.digest == vector.digest && head.head.live == vector.live)
        #expect(head.head.seq == vector.entries.map(\.seq).max())
    }

    struct EndorsementsDigestVector: Decodable {
        struct Statement: Decodable { let note, envelope, sha256: String }
        struct Empty: Decodable { let lines, digest: String }
        let keys: [Key]
        let statements: [Statement]
        let lines, digest: String
        let empty: Empty
    }

    @Test("endorsements-digest.json: the feed header's digest over served statements, and over none")
    func endorsementsDigest() throws {
        let vector = try Self.load("endorsements-digest", as: EndorsementsDigestVector.self)
        for key in vector.keys { try key.check(origin: Self.origin(ofKey: key.name)) }
        let envelopes = vector.statements.map { Data($0.envelope.utf8) }
        for (statement, bytes) in zip(vector.statements, envelopes) {
            #expect(CatalogDigest.payloadHash(bytes) == statement.sha256, "\(statement.note)")
            _ = try Envelope(bytes: bytes)
        }
        #expect(NodeTrust.Snapshot.digest(of: envelopes) == vector.digest)
        #expect(vector.statements.map { "\($0.sha256)\n" }.sorted().joined() == vector.lines)
        #expect(NodeTrust.Snapshot.digest(of: []) == vector.empty.digest && vector.empty.lines.isEmpty)
    }

    struct TrustVector: Decodable {
        struct Anchor: Decodable { let origin, publicKey, level, region: String }
        struct Statement: Decodable { let note, envelope: String }
        struct Verdict: Decodable { let index: Int, verdict: String }
        struct Grant: Decodable, Hashable { let key: String, fromSeq: Int64, level: String, region: String }
        struct Expected: Decodable {
            let statementVerdicts: [Verdict]
            let trusted: [String: [Grant]]
            let untrusted: [String: String]
        }
        struct Line: Decodable { let note, envelope, expect: String }
        let now: String
        let keys: [Key]
        let anchors: [Anchor]
        let endorsements, rotations: [Statement]
        let expected: Expected
        let envelopes: [Line]
    }

    @Test("trust.json: the trust set, each statement's verdict, and each envelope's fate")
    func trust() async throws {
        let vector = try Self.load("trust", as: TrustVector.self)
        for key in vector.keys { try key.check(origin: Self.origin(ofKey: key.name)) }
        let anchors = try vector.anchors.map {
            TrustSet.Anchor(
                origin: $0.origin, key: try NodePublicKey(text: $0.publicKey),
                level: try #require(NodeLevel(rawValue: $0.level)), region: $0.region)
        }
        let endorsements = try vector.endorsements.map { try SignedEndorsement(bytes: Data($0.envelope.utf8)) }
        let rotations = try vector.rotations.map { try SignedKeyRotation(bytes: Data($0.envelope.utf8)) }
        let trust = TrustSet(
            anchors: anchors, endorsements: endorsements, rotations: rotations,
            now: try #require(Timestamp.parse(vector.now)))

        let verdicts = trust.statementVerdicts.map { verdict -> String in
            switch verdict {
            case .entitled: "entitled"
            case .unverified: "unverified"
            case .notEntitled: "not-entitled"
            }
        }
        #expect(vector.expected.statementVerdicts.map(\.index) == Array(endorsements.indices))
        for (index, expected) in vector.expected.statementVerdicts.enumerated() {
            #expect(verdicts[index] == expected.verdict, "\(vector.endorsements[index].note)")
        }

        #expect(trust.origins == vector.expected.trusted.keys.sorted())
        for (origin, expected) in vector.expected.trusted {
            let grants = Set(
                trust.grants(for: origin).map {
                    TrustVector.Grant(
                        key: $0.key.text, fromSeq: $0.fromSeq, level: $0.level.rawValue, region: $0.region)
                })
            #expect(grants == Set(expected), "\(origin)")
        }
        for (origin, reason) in vector.expected.untrusted {
            #expect(!trust.isTrusted(origin), "\(origin)")
            let found: String =
                switch trust.distrust(of: origin) {
                case .unknown: "unknown"
                case .expired: "expired"
                case .revoked: "revoked"
                }
            #expect(found == reason, "\(origin)")
        }

        let result = vector.envelopes.map { PageVerifier.verify(Data($0.envelope.utf8), trust: trust, peer: "vector") }
        for (line, outcome) in zip(vector.envelopes, result) {
            switch outcome {
            case .success: #expect(line.expect == "accepted", "\(line.note)")
            case .failure(let refusal):
                #expect(refusal.reason.rawValue == line.expect, "\(line.note): \(refusal.detail)")
            }
        }
        #expect(
            Set(vector.envelopes.map(\.expect)).isSuperset(of: [
                "accepted", "retired-key", "bad-signature", "endorsement-expired", "endorsement-revoked",
                "untrusted-origin",
            ]))
    }
}
