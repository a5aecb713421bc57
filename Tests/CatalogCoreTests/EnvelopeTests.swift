import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@Suite("DSSE envelopes and Ed25519 signatures")
struct EnvelopeTests {
    let key = NodeSigningKey(origin: "medicalmountains")

    func signed() throws -> SignedEntry {
        try SignedEntry.sign(
            .version(of: Fixtures.training(), origin: "medicalmountains", seq: 7, updated: "2026-11-29T09:12:00Z"),
            with: key)
    }

    @Test("a signed entry verifies and reads back")
    func signAndVerify() throws {
        let entry = try signed()
        try entry.verify(with: key.publicKey)
        let reread = try SignedEntry(bytes: entry.envelope.bytes)
        try reread.verify(with: key.publicKey)
        #expect(reread.payload.entry == Fixtures.training())
        #expect(reread.seq == 7)
        #expect(reread.envelope.signatures.first?.keyid == key.keyID)
        #expect(reread.envelope.bytes == entry.envelope.bytes)
    }

    @Test("PAE is DSSE's pre-authentication encoding")
    func pae() {
        let message = PAE.encode(payloadType: "application/example", payload: Data("hello world".utf8))
        #expect(String(decoding: message, as: UTF8.self) == "DSSEv1 19 application/example 11 hello world")
    }

    @Test("flipping any single byte of the payload breaks the signature")
    func payloadFlips() throws {
        let entry = try signed()
        let envelope = entry.envelope
        for index in envelope.payload.indices {
            var payload = envelope.payload
            payload[index] ^= 0x01
            let forged = Envelope.Signature(keyid: key.keyID, sig: envelope.signatures[0].sig)
            let message = PAE.encode(payloadType: envelope.payloadType, payload: payload)
            #expect(!key.publicKey.isValidSignature(forged.sig, for: message), "flip at payload byte \(index) verified")
        }
    }

    @Test("flipping any single bit of the signature breaks it")
    func signatureFlips() throws {
        let entry = try signed()
        let message = entry.envelope.signedMessage
        let signature = entry.envelope.signatures[0].sig
        #expect(signature.count == 64)
        for index in signature.indices {
            for bit in 0..<8 {
                var forged = signature
                forged[index] ^= UInt8(1 << bit)
                #expect(
                    !key.publicKey.isValidSignature(forged, for: message), "flip at byte \(index) bit \(bit) verified")
            }
        }
    }

    @Test("an envelope re-serialized with a changed payload fails verification")
    func tamperedEnvelope() throws {
        let entry = try signed()
        var object = try #require(JSONSerialization.jsonObject(with: entry.envelope.bytes) as? [String: Any])
        let payload = String(decoding: entry.envelope.payload, as: UTF8.self).replacingOccurrences(
            of: "450.00", with: "45.00")
        object["payload"] = Data(payload.utf8).base64EncodedString()
        let tampered = try SignedEntry(bytes: JSONSerialization.data(withJSONObject: object))
        #expect(tampered.entry?.price?.amount == "45.00")
        #expect(throws: CatalogError.self) { try tampered.verify(with: key.publicKey) }
    }

    @Test("another origin's key does not verify, nor does a signature under another key id")
    func wrongKey() throws {
        let entry = try signed()
        let other = NodeSigningKey(origin: "medicalmountains")
        #expect(throws: CatalogError.self) { try entry.verify(with: other.publicKey) }
        #expect(!entry.envelope.isSigned(by: key.publicKey, keyID: "medicalmountains#0000000000000000"))
    }

    @Test("a key cannot sign for another origin")
    func signForOtherOrigin() {
        #expect(throws: CatalogError.self) {
            try SignedEntry.sign(
                .tombstone(origin: "other", id: "x", seq: 1, updated: "2026-11-29T09:12:00Z"), with: key)
        }
    }

    @Test(
        "malformed envelopes are refused with a reason",
        arguments: [
            "not json", "{}", #"{"payloadType":"x","payload":"%%%","signatures":[{"keyid":"a","sig":"AA=="}]}"#,
            #"{"payloadType":"x","payload":"e30=","signatures":[]}"#,
        ])
    func malformed(text: String) {
        #expect(throws: CatalogError.self) { try Envelope(bytes: Data(text.utf8)) }
    }

    @Test("an entry payload whose parts disagree is refused")
    func inconsistentPayload() throws {
        var entry = Fixtures.training()
        entry.id = "other-id"
        let payload = EntryPayload(
            origin: "medicalmountains", id: "gmp-grundlagen", seq: 1, updated: "2026-11-29T09:12:00Z", deleted: false,
            entry: entry)
        let envelope = try Envelope.sign(
            payload: CatalogJSON.encode(payload), payloadType: PayloadType.entry, with: key)
        #expect(throws: CatalogError.self) { try SignedEntry(envelope: envelope) }
    }

    @Test("a tombstone and a head sign and verify")
    func tombstoneAndHead() throws {
        let tombstone = try SignedEntry.sign(
            .tombstone(origin: "medicalmountains", id: "gmp-grundlagen", seq: 8, updated: "2026-11-29T09:12:00Z"),
            with: key)
        try tombstone.verify(with: key.publicKey)
        #expect(tombstone.isTombstone && tombstone.entry == nil)
        let head = try SignedHead.sign(
            HeadPayload(
                origin: "medicalmountains", seq: 8, live: 0, digest: CatalogDigest.compute([]),
                issued: "2026-11-29T09:12:00Z", expires: "2026-12-29T09:12:00Z"), with: key)
        try SignedHead(bytes: head.envelope.bytes).verify(with: key.publicKey)
        #expect(head.isExpired(at: Timestamp.parse("2026-12-30T00:00:00Z")!))
        #expect(!head.isExpired(at: Timestamp.parse("2026-12-01T00:00:00Z")!))
    }

    @Test("public keys read back from every written form")
    func keyForms() throws {
        let publicKey = key.publicKey
        #expect(try NodePublicKey(text: publicKey.text) == publicKey)
        #expect(try NodePublicKey(text: publicKey.pem) == publicKey)
        #expect(try NodeSigningKey(origin: "medicalmountains", pem: key.pem).publicKey == publicKey)
        #expect(throws: CatalogError.self) { try NodePublicKey(text: "ed25519:AAAA") }
        #expect(!key.description.contains(key.pem))
    }
}
