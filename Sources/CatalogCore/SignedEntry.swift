import Foundation

/// An entry envelope with its payload decoded. The envelope's bytes stay the source of truth;
/// `payload` is read from them, never the other way round.
public struct SignedEntry: Sendable, Hashable {
    public let envelope: Envelope
    public let payload: EntryPayload
    /// Lowercase hex SHA-256 of the payload bytes, as the head digest uses it.
    public let payloadHash: String

    /// Reads an entry envelope. This checks form, not origin: call `verify(with:)` before trusting it.
    /// `strictForm` for one received from a peer (see `Envelope.decodePayload`).
    public init(envelope: Envelope, strictForm: Bool = false) throws {
        let payload = try envelope.decodePayload(
            EntryPayload.self, expecting: PayloadType.entry, what: "entry", strictForm: strictForm)
        try payload.checkConsistency()
        self.envelope = envelope
        self.payload = payload
        self.payloadHash = CatalogDigest.payloadHash(envelope.payload)
    }

    public init(bytes: Data) throws {
        try self.init(envelope: Envelope(bytes: bytes))
    }

    /// Signs a payload as `key`'s origin.
    public static func sign(_ payload: EntryPayload, with key: NodeSigningKey) throws -> SignedEntry {
        guard payload.origin == key.origin else {
            throw CatalogError(.invalidKey, "key of '\(key.origin)' cannot sign for '\(payload.origin)'")
        }
        return try SignedEntry(envelope: Envelope.sign(payload, payloadType: PayloadType.entry, with: key))
    }

    /// Throws unless a signature of the payload's origin verifies under `key`.
    public func verify(with key: NodePublicKey) throws {
        guard envelope.isSigned(by: key, keyID: key.keyID(origin: payload.origin)) else {
            throw CatalogError(
                .badSignature, "signature of \(payload.origin)/\(payload.id) seq \(payload.seq) does not verify")
        }
    }

    public var origin: String { payload.origin }
    public var id: String { payload.id }
    public var seq: Int64 { payload.seq }
    public var isTombstone: Bool { payload.deleted }
    public var entry: Entry? { payload.entry }
}
