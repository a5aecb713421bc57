import Foundation

/// An endorsement envelope with its payload decoded.
public struct SignedEndorsement: Sendable, Hashable {
    public let envelope: Envelope
    public let endorsement: EndorsementPayload
    public let subjectKey: NodePublicKey

    public init(envelope: Envelope) throws {
        let payload = try envelope.decodePayload(
            EndorsementPayload.self, expecting: PayloadType.endorsement, what: "endorsement")
        guard Slug.isValidOrigin(payload.endorser), Slug.isValidOrigin(payload.subject),
            payload.endorser != payload.subject, Timestamp.isWireForm(payload.issued),
            Timestamp.isWireForm(payload.expires), ["cluster", "agency", "national"].contains(payload.level)
        else { throw CatalogError(.invalidEnvelope, "endorsement of '\(payload.subject)' has an invalid field") }
        self.subjectKey = try NodePublicKey(wire: payload.key)
        self.envelope = envelope
        self.endorsement = payload
    }

    public init(bytes: Data) throws {
        try self.init(envelope: Envelope(bytes: bytes))
    }

    public static func sign(_ payload: EndorsementPayload, with key: NodeSigningKey) throws -> SignedEndorsement {
        guard payload.endorser == key.origin else {
            throw CatalogError(.invalidKey, "key of '\(key.origin)' cannot endorse as '\(payload.endorser)'")
        }
        return try SignedEndorsement(envelope: Envelope.sign(payload, payloadType: PayloadType.endorsement, with: key))
    }

    public func verify(with key: NodePublicKey) throws {
        guard envelope.isSigned(by: key, keyID: key.keyID(origin: endorsement.endorser)) else {
            throw CatalogError(
                .badSignature, "endorsement of \(endorsement.subject) by \(endorsement.endorser) does not verify")
        }
    }

    public func isExpired(at now: Date) -> Bool {
        guard let expires = Timestamp.parse(endorsement.expires) else { return true }
        return expires <= now
    }

    /// Whether this statement supersedes `other` about the same endorser, subject and key: a
    /// revocation supersedes any endorsement and is final (only a later revocation, e.g. the same
    /// one signed anew after a key rotation, replaces it); otherwise the later `issued` wins, and on
    /// equal `issued` the envelope whose bytes come first, so that every node keeps the same one
    /// whatever order they arrived in (the trust evaluation decides alike).
    public func supersedes(_ other: SignedEndorsement) -> Bool {
        if other.endorsement.revoked && !endorsement.revoked { return false }
        if endorsement.revoked && !other.endorsement.revoked { return true }
        guard let mine = Timestamp.parse(endorsement.issued), let theirs = Timestamp.parse(other.endorsement.issued)
        else { return false }
        if mine != theirs { return mine > theirs }
        return envelope.bytes.lexicographicallyPrecedes(other.envelope.bytes)
    }
}
