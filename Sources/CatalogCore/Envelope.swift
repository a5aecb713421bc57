import Foundation

/// A DSSE envelope (in-toto's Dead Simple Signing Envelope): the payload bytes, their type, and
/// signatures over `PAE(payloadType, payload)`.
///
/// `bytes` is the envelope's JSON exactly as it was received or first written. It is what the
/// store keeps and what a relay passes on; nothing is ever re-encoded to be verified.
public struct Envelope: Sendable, Hashable {
    public struct Signature: Codable, Sendable, Hashable {
        public let keyid: String
        /// The raw 64-byte Ed25519 signature.
        public let sig: Data

        public init(keyid: String, sig: Data) {
            self.keyid = keyid
            self.sig = sig
        }
    }

    /// The largest envelope a node accepts, in bytes of JSON.
    public static let maxBytes = 256 * 1024
    /// The largest head, endorsement or key rotation envelope a node accepts: each is a few hundred
    /// bytes, and a node keeps and serves thousands of them.
    public static let maxStatementBytes = 2 * 1024
    /// The most signatures an envelope may carry (an origin signs once; key rotation may add one).
    public static let maxSignatures = 4

    public let payloadType: String
    public let payload: Data
    public let signatures: [Signature]
    public let bytes: Data

    /// Parses envelope JSON, keeping `bytes` as given.
    public init(bytes: Data) throws {
        guard bytes.count <= Envelope.maxBytes else {
            throw CatalogError(.invalidEnvelope, "envelope of \(bytes.count) bytes exceeds \(Envelope.maxBytes)")
        }
        // An envelope is one line of JSON, so that feeds can carry envelopes as lines, byte for byte.
        let multiline = bytes.withUnsafeBytes { raw in
            raw.contains { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        }
        guard !multiline else {
            throw CatalogError(.invalidEnvelope, "envelope JSON must be a single line")
        }
        try StrictJSON.check(bytes, what: "envelope")
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: bytes)
        } catch {
            throw CatalogError(.invalidEnvelope, "envelope is not DSSE JSON: \(DecodingErrorText.describe(error))")
        }
        // Padded standard base64 in its one canonical form (RFC 4648 section 3.5: pad bits zero),
        // so that one payload has one spelling.
        guard let payload = Data(base64Encoded: wire.payload), payload.base64EncodedString() == wire.payload else {
            throw CatalogError(.invalidEnvelope, "envelope payload is not canonical standard base64")
        }
        var signatures: [Signature] = []
        for signature in wire.signatures {
            guard let sig = Data(base64Encoded: signature.sig), sig.base64EncodedString() == signature.sig else {
                throw CatalogError(.invalidEnvelope, "signature of \(signature.keyid) is not canonical standard base64")
            }
            signatures.append(Signature(keyid: signature.keyid, sig: sig))
        }
        guard !signatures.isEmpty else { throw CatalogError(.invalidEnvelope, "envelope has no signature") }
        guard signatures.count <= Envelope.maxSignatures else {
            throw CatalogError(
                .invalidEnvelope, "envelope has \(signatures.count) signatures; at most \(Envelope.maxSignatures)")
        }
        self.payloadType = wire.payloadType
        self.payload = payload
        self.signatures = signatures
        self.bytes = bytes
    }

    /// Signs `payload` with `key` and writes the envelope's JSON.
    public static func sign(payload: Data, payloadType: String, with key: NodeSigningKey) throws -> Envelope {
        let signature = try key.signature(for: PAE.encode(payloadType: payloadType, payload: payload))
        let wire = Wire(
            payloadType: payloadType, payload: payload.base64EncodedString(),
            signatures: [.init(keyid: key.keyID, sig: signature.base64EncodedString())])
        return try Envelope(bytes: CatalogJSON.encode(wire))
    }

    /// Signs `payload`'s JSON as `payloadType` with `key`.
    public static func sign(_ payload: some Encodable, payloadType: String, with key: NodeSigningKey) throws -> Envelope
    {
        try sign(payload: CatalogJSON.encode(payload), payloadType: payloadType, with: key)
    }

    /// Decodes the payload as `T` after checking its type; unknown fields are tolerated (see
    /// `CatalogJSON.wireDecoder`). Errors name `what` the payload should have been. With
    /// `strictForm` (an envelope received from a peer), values must have their one wire spelling.
    public func decodePayload<T: Decodable>(
        _ type: T.Type, expecting expected: String, what: String, strictForm: Bool = false
    ) throws -> T {
        guard payloadType == expected else {
            throw CatalogError(.invalidEnvelope, "payload type '\(payloadType)' is not \(expected)")
        }
        try StrictJSON.check(payload, what: "\(what) payload")
        do {
            let decoder = CatalogJSON.wireDecoder()
            decoder.userInfo[UnknownFields.strictFormKey] = strictForm
            return try decoder.decode(T.self, from: payload)
        } catch {
            throw CatalogError(.invalidEnvelope, "\(what) payload: \(DecodingErrorText.describe(error))")
        }
    }

    /// The message every signature covers.
    public var signedMessage: Data { PAE.encode(payloadType: payloadType, payload: payload) }

    /// Whether a signature by `keyID` verifies under `key`.
    public func isSigned(by key: NodePublicKey, keyID: String) -> Bool {
        let message = signedMessage
        return signatures.contains { $0.keyid == keyID && key.isValidSignature($0.sig, for: message) }
    }

    /// The JSON shape on the wire: base64 strings, decoded by hand above to report which part is wrong.
    struct Wire: Codable {
        struct WireSignature: Codable {
            let keyid: String
            let sig: String
        }

        let payloadType: String
        let payload: String
        let signatures: [WireSignature]
    }
}
