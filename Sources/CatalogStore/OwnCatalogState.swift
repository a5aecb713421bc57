import CatalogCore

/// The node's own catalog as a write transaction sees it, before it changes anything.
public struct OwnCatalogState: Sendable {
    public let origin: String
    /// The highest seq the origin has used; the next write gets `maxSeq + 1`.
    public let maxSeq: Int64
    /// The newest stored version of every entry id, tombstones included.
    public let entries: [String: StoredEntry]
}

/// What a head is signed over: the origin's latest seq and its live federated entries.
public struct CatalogHeadState: Sendable {
    public let origin: String
    public let seq: Int64
    public let lines: [CatalogDigest.Line]

    public var live: Int { lines.count }
    public var digest: String { CatalogDigest.compute(lines) }
}

/// A rotation of the node's own key, written with the catalog it re-signs.
public struct OwnKeyChange: Sendable {
    public let key: NodePublicKey
    public let rotation: SignedKeyRotation
    /// The node's own endorsements and revocations, signed with the new key.
    public let endorsements: [SignedEndorsement]

    public init(key: NodePublicKey, rotation: SignedKeyRotation, endorsements: [SignedEndorsement]) {
        self.key = key
        self.rotation = rotation
        self.endorsements = endorsements
    }
}
