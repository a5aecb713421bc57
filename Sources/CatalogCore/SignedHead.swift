import Foundation

/// A head envelope with its payload decoded.
public struct SignedHead: Sendable, Hashable {
    public let envelope: Envelope
    public let head: HeadPayload

    public init(envelope: Envelope) throws {
        head = try envelope.decodePayload(HeadPayload.self, expecting: PayloadType.head, what: "head")
        guard Slug.isValidOrigin(head.origin), (0...Timestamp.maxWireInteger).contains(head.seq),
            (0...Timestamp.maxWireInteger).contains(Int64(head.live)), Timestamp.isWireForm(head.issued),
            Timestamp.isWireForm(head.expires), CatalogDigest.isDigestForm(head.digest)
        else { throw CatalogError(.invalidEnvelope, "head of '\(head.origin)' has an invalid field") }
        self.envelope = envelope
    }

    public init(bytes: Data) throws {
        try self.init(envelope: Envelope(bytes: bytes))
    }

    public static func sign(_ head: HeadPayload, with key: NodeSigningKey) throws -> SignedHead {
        guard head.origin == key.origin else {
            throw CatalogError(.invalidKey, "key of '\(key.origin)' cannot sign for '\(head.origin)'")
        }
        return try SignedHead(envelope: Envelope.sign(head, payloadType: PayloadType.head, with: key))
    }

    public func verify(with key: NodePublicKey) throws {
        guard envelope.isSigned(by: key, keyID: key.keyID(origin: head.origin)) else {
            throw CatalogError(.badSignature, "head signature of \(head.origin) seq \(head.seq) does not verify")
        }
    }

    public func isExpired(at now: Date) -> Bool {
        guard let expires = Timestamp.parse(head.expires) else { return true }
        return expires <= now
    }
}
