import Foundation

/// A key rotation envelope with its payload decoded.
public struct SignedKeyRotation: Sendable, Hashable {
    public let envelope: Envelope
    public let rotation: KeyRotationPayload
    public let oldKey: NodePublicKey
    public let newKey: NodePublicKey

    public init(envelope: Envelope) throws {
        let payload = try envelope.decodePayload(
            KeyRotationPayload.self, expecting: PayloadType.keyRotation, what: "key rotation")
        guard Slug.isValidOrigin(payload.origin), (1...Timestamp.maxWireInteger).contains(payload.fromSeq),
            Timestamp.isWireForm(payload.issued)
        else {
            throw CatalogError(.invalidEnvelope, "key rotation of '\(payload.origin)' has an invalid field")
        }
        oldKey = try NodePublicKey(wire: payload.oldKey)
        newKey = try NodePublicKey(wire: payload.newKey)
        guard oldKey != newKey else { throw CatalogError(.invalidEnvelope, "a key rotation needs two different keys") }
        self.envelope = envelope
        self.rotation = payload
    }

    public init(bytes: Data) throws {
        try self.init(envelope: Envelope(bytes: bytes))
    }

    /// Signs a rotation from `old` to `new`, with both keys.
    public static func sign(from old: NodeSigningKey, to new: NodeSigningKey, fromSeq: Int64, issued: String) throws
        -> SignedKeyRotation
    {
        guard old.origin == new.origin else { throw CatalogError(.invalidKey, "both keys must be of one origin") }
        let payload = KeyRotationPayload(
            origin: old.origin, oldKey: old.publicKey.text, newKey: new.publicKey.text, fromSeq: fromSeq, issued: issued
        )
        let bytes = try CatalogJSON.encode(payload)
        let message = PAE.encode(payloadType: PayloadType.keyRotation, payload: bytes)
        let wire = Envelope.Wire(
            payloadType: PayloadType.keyRotation, payload: bytes.base64EncodedString(),
            signatures: [
                .init(keyid: old.keyID, sig: try old.signature(for: message).base64EncodedString()),
                .init(keyid: new.keyID, sig: try new.signature(for: message).base64EncodedString()),
            ])
        return try SignedKeyRotation(envelope: Envelope(bytes: CatalogJSON.encode(wire)))
    }

    /// Whether both the old and the new key signed it.
    public var isSignedByBothKeys: Bool {
        envelope.isSigned(by: oldKey, keyID: oldKey.keyID(origin: rotation.origin))
            && envelope.isSigned(by: newKey, keyID: newKey.keyID(origin: rotation.origin))
    }
}
