import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@Suite("The protocol's JSON form rules")
struct StrictJSONTests {
    func problem(_ bytes: [UInt8]) -> String? {
        do {
            try StrictJSON.check(Data(bytes), what: "payload")
            return nil
        } catch {
            return (error as? CatalogError)?.message ?? "\(error)"
        }
    }

    func problem(_ text: String) -> String? { problem(Array(text.utf8)) }

    @Test(
        "JSON any reader could read differently is refused, naming the rule and the byte",
        arguments: [
            (#"{"id":"a","id":"b"}"#, "a key appears twice in one object at byte 10"),
            (#"{"id":"a","\u0069d":"b"}"#, "a key appears twice"),
            (#"{"a":[1,2,]}"#, "not a JSON value"),
            (#"{"a":1,}"#, "an object key is missing"),
            (#"{"a":NaN}"#, "not a JSON value"),
            (#"{"a":01}"#, "leading zero"),
            (#"{"a":1.}"#, "without digits after '.'"),
            (#"{"a":1e}"#, "an exponent without digits"),
            (#"{"a":"\ud800"}"#, "a lone surrogate escape"),
            (#"{"a":"\udc00\ud800"}"#, "a lone surrogate escape"),
            (#"{"a":"\x"}"#, "an unknown escape"),
            ("{\"a\":\"tab\there\"}", "a control character in a string"),
            (#"{"a":1} {"b":2}"#, "bytes after the JSON value"),
            (#"{"a":1"#, "',' or '}' is missing"),
            (#"// comment"#, "not a JSON value"),
            (String(repeating: "[", count: 40) + String(repeating: "]", count: 40), "nested deeper than 32"),
            (#"{"old\u212Aey":"x"}"#, "an object key holds a character beyond ASCII"),
            ("{\"oldKéy\":1}", "an object key holds a character beyond ASCII"),
            (#"{"seq":5.0}"#, "an integer is written with a fraction or exponent"),
            (#"{"a":{"fromSeq":5e0}}"#, "an integer is written with a fraction or exponent"),
            (#"{"live":1E2}"#, "an integer is written with a fraction or exponent"),
            (
                #"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17,"c":18}"#,
                "a key appears twice"
            ),
        ])
    func refused(text: String, expected: String) {
        let found = problem(text)
        #expect(found?.contains(expected) == true, "\(text): \(found ?? "accepted")")
        #expect(found?.hasPrefix("payload is not strict JSON: ") == true)
    }

    @Test("an object of 30,000 keys is checked in linear time, and a repeat among them still found")
    func manyKeys() {
        let keys = (0..<30_000).map { "\"k\($0)\":0" }
        #expect(problem("{" + keys.joined(separator: ",") + "}") == nil)
        #expect(problem("{" + (keys + ["\"k29999\":1"]).joined(separator: ",") + "}")?.contains("twice") == true)
    }

    @Test("invalid UTF-8 is refused: a stray continuation byte, an overlong form, an encoded surrogate, a cut sequence")
    func invalidUTF8() {
        for bytes: [UInt8] in [
            [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF5, 0x80, 0x80, 0x80], [0xFF],
        ] {
            let json = Array(#"{"a":""#.utf8) + bytes + Array(#""}"#.utf8)
            #expect(problem(json)?.contains("invalid UTF-8") == true, "\(bytes)")
        }
    }

    @Test("valid JSON passes: escapes, surrogate pairs, umlauts, numbers, nesting, whitespace")
    func accepted() {
        for text in [
            #"{"title":{"de":"Grundlagen für Einsteiger 🎓","en":"a\"b\\c\/d\n"},"seq":42,"price":-1.5e+3,"x":[true,false,null,{}],"y":[]}"#,
            #" { "a" : "\ud83c\udf93" , "b" : 0 , "c" : 0.25E-2 } "#,
            #""just a string""#, "17", String(repeating: "[", count: 32) + String(repeating: "]", count: 32),
            #"{"a":{"a":{"a":1}},"b":{"a":2}}"#,
            #"{"seq":42,"live":0,"fromSeq":-0,"amount":1250.5,"x":1e3}"#,
        ] {
            #expect(problem(text) == nil, "\(text): \(problem(text) ?? "")")
        }
    }

    @Test("an envelope refuses duplicate keys, a trailing comma and base64 that is not canonical")
    func envelopeForm() throws {
        let key = NodeSigningKey(origin: "medicalmountains")
        let signed = try SignedEntry.sign(
            .version(of: Fixtures.training(), origin: "medicalmountains", seq: 1, updated: "2026-11-29T09:00:00Z"),
            with: key)
        let text = String(decoding: signed.envelope.bytes, as: UTF8.self)
        #expect((try? Envelope(bytes: signed.envelope.bytes)) != nil)
        let payload = signed.envelope.payload.base64EncodedString()
        let unpadded = payload.trimmingCharacters(in: CharacterSet(charactersIn: "="))
        let sig = try #require(signed.envelope.signatures.first?.sig.base64EncodedString())
        // Changing the last character before '=' in the same 4-character group sets pad bits only.
        var loose = Array(sig)
        let padIndex = try #require(loose.firstIndex(of: "=")) - 1
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        loose[padIndex] = alphabet[(alphabet.firstIndex(of: loose[padIndex])! + 1) % 64]
        #expect(Data(base64Encoded: String(loose)) == Data(base64Encoded: sig), "the same bytes, spelt otherwise")
        let broken = [
            (text.replacingOccurrences(of: "{\"payload\"", with: "{\"payloadType\":\"x\",\"payload\""), "twice"),
            (text.replacingOccurrences(of: "}]}", with: "},]}"), "not a JSON value"),
            (text.replacingOccurrences(of: sig, with: String(loose)), "is not canonical standard base64"),
        ]
        for (bad, expected) in broken {
            #expect(bad != text)
            #expect(throws: CatalogError.self) { try Envelope(bytes: Data(bad.utf8)) }
            let message = (try? Envelope(bytes: Data(bad.utf8))).map { _ in "" } ?? message(Data(bad.utf8))
            #expect(message.contains(expected), "\(message)")
        }
        if unpadded != payload {
            #expect(message(Data(text.replacingOccurrences(of: payload, with: unpadded).utf8)).contains("base64"))
        }
        // A payload with a duplicate key, signed as it is, is refused when decoded.
        let duplicate = try Envelope.sign(
            payload: Data(
                #"{"deleted":true,"id":"a","id":"b","origin":"medicalmountains","seq":1,"updated":"2026-11-29T09:00:00Z"}"#
                    .utf8),
            payloadType: PayloadType.entry, with: key)
        #expect(throws: CatalogError.self) { try SignedEntry(envelope: duplicate) }
    }

    func message(_ bytes: Data) -> String {
        do {
            _ = try Envelope(bytes: bytes)
            return ""
        } catch {
            return (error as? CatalogError)?.message ?? "\(error)"
        }
    }
}
