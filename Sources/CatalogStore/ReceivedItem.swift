import CatalogCore

/// An envelope from a peer whose signature has been verified under a trusted key of its origin.
/// Whether it is stored still depends on what the node holds (rollback, equivocation), which
/// `CatalogStore.applyReceived` decides inside its transaction.
public enum ReceivedItem: Sendable {
    case entry(SignedEntry)
    case head(SignedHead)
}

/// What applying one page of received envelopes did.
public struct ApplyOutcome: Sendable, Codable, Equatable {
    public var added = 0
    public var updated = 0
    public var withdrawn = 0
    /// Envelopes the node already had, byte for byte.
    public var unchanged = 0
    /// Envelopes of the node's own origin coming back through a cycle: ignored.
    public var own = 0
    public var heads = 0
    public var refusals: [Refusal] = []
    /// Envelopes older than the node's copy from a peer whose own head for their origin is older
    /// too, per origin: the peer is behind (`stale-relay`), which is neither a refusal nor an attack.
    public var behind: [String: Int] = [:]
    /// Origins whose head was replaced by one with a higher seq: their catalog moved on.
    public var newHeads: Set<String> = []

    public init() {}

    public mutating func add(_ other: ApplyOutcome) {
        added += other.added
        updated += other.updated
        withdrawn += other.withdrawn
        unchanged += other.unchanged
        own += other.own
        heads += other.heads
        refusals += other.refusals
        behind.merge(other.behind, uniquingKeysWith: +)
        newHeads.formUnion(other.newHeads)
    }
}
