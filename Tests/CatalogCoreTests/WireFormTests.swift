import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// Payloads hold each value in one form only (docs/PROTOCOL.md, "Form"): what a person may type
/// loosely, a payload from the wire must spell exactly.
@Suite("One spelling for each value on the wire")
struct WireFormTests {
    let key = NodeSigningKey(origin: "medicalmountains")

    func entryPayload() throws -> String {
        var entry = Fixtures.training()
        entry.sessions[0].start = try #require(CatalogDateTime("2027-03-15T09:00"))
        let payload = EntryPayload.version(
            of: entry, origin: "medicalmountains", seq: 7, updated: "2026-11-29T09:00:00Z")
        return String(decoding: try CatalogJSON.encode(payload), as: UTF8.self)
    }

    func signedEntry(_ text: String) throws -> SignedEntry {
        try SignedEntry(
            envelope: try Envelope.sign(payload: Data(text.utf8), payloadType: PayloadType.entry, with: key),
            strictForm: true)
    }

    @Test(
        "an entry payload with an offset time, a seq beyond 2^53 - 1, a capitalised type or a blank in a session time is refused"
    )
    func entryForms() throws {
        let good = try entryPayload()
        _ = try signedEntry(good)
        let variants = [
            ("\"updated\":\"2026-11-29T09:00:00Z\"", "\"updated\":\"2026-11-29T10:00:00+01:00\""),
            ("\"updated\":\"2026-11-29T09:00:00Z\"", "\"updated\":\"2026-11-29 09:00:00Z\""),
            ("\"seq\":7", "\"seq\":9007199254740992"),
            ("\"type\":\"training\"", "\"type\":\"Training\""),
            ("\"start\":\"2027-03-15T09:00\"", "\"start\":\"2027-03-15 09:00\""),
        ]
        for (old, new) in variants {
            #expect(good.contains(old), "\(old)")
            #expect(throws: CatalogError.self, "\(new)") {
                try signedEntry(good.replacingOccurrences(of: old, with: new))
            }
        }
    }

    @Test("what people type is written in the wire's form: a blank before the time becomes T; files may differ in case")
    func typedForms() throws {
        #expect(CatalogDateTime("2027-09-01 10:00")?.text == "2027-09-01T10:00")
        let file = try entryPayload().replacingOccurrences(of: "\"type\":\"training\"", with: "\"type\":\"Training\"")
        let payload = try JSONDecoder().decode(EntryPayload.self, from: Data(file.utf8))
        #expect(payload.entry?.type == .training)
    }

    @Test("what an older version stored loosely is still read, and signed anew in the wire's spelling")
    func storedLoosely() throws {
        let loose = try entryPayload().replacingOccurrences(
            of: "\"start\":\"2027-03-15T09:00\"", with: "\"start\":\"2027-03-15 09:00\""
        ).replacingOccurrences(of: "\"type\":\"training\"", with: "\"type\":\"Training\"")
        let stored = try SignedEntry(
            envelope: try Envelope.sign(payload: Data(loose.utf8), payloadType: PayloadType.entry, with: key))
        let entry = try #require(stored.entry)
        #expect(entry.type == .training && entry.sessions[0].start.text == "2027-03-15T09:00")
        let resigned = try SignedEntry.sign(
            .version(of: entry, origin: "medicalmountains", seq: 8, updated: "2026-11-30T09:00:00Z"), with: key)
        #expect((try? SignedEntry(envelope: resigned.envelope, strictForm: true)) != nil)
    }

    @Test("a link with a blank, a line break or a bidi control breaks the schema; a phone number is ASCII digits")
    func links() {
        for url in [
            "https://example.de/a\nb", "https://example.de/a b", "https://example.de/\u{202E}gpj",
            "https://example.de/\t",
        ] {
            var entry = Fixtures.training()
            entry.url = url
            #expect(
                EntryValidator.issues(in: entry).contains { $0.description.contains("url") }, "\(url.debugDescription)")
        }
        var entry = Fixtures.training()
        entry.url = "https://example.de/kurs?id=1&lang=de"
        #expect(EntryValidator.issues(in: entry).isEmpty)
        entry.contact?.phone = "\u{0660}\u{0661}\u{0662}\u{0663}\u{0664}\u{0665}"
        #expect(EntryValidator.issues(in: entry).contains { $0.description.contains("phone") })
    }

    @Test("a head needs a digest's form; a key in a statement is ed25519:BASE64, never PEM or bare base64")
    func statementForms() throws {
        let head = HeadPayload(
            origin: "medicalmountains", seq: 3, live: 1, digest: "sha256:" + String(repeating: "ab", count: 32),
            issued: "2026-11-29T09:00:00Z", expires: "2026-12-29T09:00:00Z")
        _ = try SignedHead.sign(head, with: key)
        for digest in [
            "sha256:abc", "sha256:" + String(repeating: "AB", count: 32), "md5:" + String(repeating: "a", count: 64),
        ] {
            let bad = HeadPayload(
                origin: "medicalmountains", seq: 3, live: 1, digest: digest, issued: "2026-11-29T09:00:00Z",
                expires: "2026-12-29T09:00:00Z")
            #expect(throws: CatalogError.self, "\(digest)") { try SignedHead.sign(bad, with: key) }
        }
        let agency = NodeSigningKey(origin: "bw-agency")
        let subject = key.publicKey
        for written in [subject.text, String(subject.text.dropFirst(8)), subject.pem] {
            let payload = EndorsementPayload(
                endorser: "bw-agency", subject: "medicalmountains", key: written, region: "DE-BW", level: "cluster",
                issued: "2026-11-29T09:00:00Z", expires: "2027-11-29T09:00:00Z", revoked: false)
            let signed = try? SignedEndorsement(
                envelope: try Envelope.sign(payload, payloadType: PayloadType.endorsement, with: agency))
            #expect((signed != nil) == (written == subject.text), "\(written.prefix(20))")
        }
    }

    @Test("of two endorsements issued at the same second, every node keeps the one whose bytes come first")
    func equalIssued() throws {
        let agency = NodeSigningKey(origin: "bw-agency")
        let statements = try ["2027-11-29T09:00:00Z", "2028-11-29T09:00:00Z"].map { expires in
            try SignedEndorsement.sign(
                EndorsementPayload(
                    endorser: "bw-agency", subject: "medicalmountains", key: key.publicKey.text, region: "DE-BW",
                    level: "cluster", issued: "2026-11-29T09:00:00Z", expires: expires, revoked: false),
                with: agency)
        }
        let first = statements[0].envelope.bytes.lexicographicallyPrecedes(statements[1].envelope.bytes) ? 0 : 1
        #expect(statements[first].supersedes(statements[1 - first]))
        #expect(!statements[1 - first].supersedes(statements[first]))
        #expect(!statements[0].supersedes(statements[0]))
    }
}
