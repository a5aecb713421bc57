import CatalogStore

/// What pulling from one peer did.
public struct PeerSyncReport: Sendable, Codable {
    public var peer: String
    public var ok: Bool
    /// Why the pull failed, when it did.
    public var error: String?
    public var pages = 0
    /// Requests sent to the peer, and the bytes of their answers' bodies.
    public var requests = 0
    public var bytes = 0
    public var envelopes = 0
    public var added = 0
    public var updated = 0
    public var withdrawn = 0
    public var unchanged = 0
    public var heads = 0
    /// Endorsement statements newly stored.
    public var endorsements = 0
    public var refused: [Refusal] = []
    /// Refusals beyond the most one pull logs, only counted.
    public var refusedNotLogged = 0
    /// Origins that came through this peer and whose copy does not match their newest head.
    public var incomplete: [OriginCompleteness] = []

    public init(peer: String) {
        self.peer = peer
        self.ok = false
    }

    public var missing: Int { incomplete.reduce(0) { $0 + $1.missing } }

    mutating func add(_ outcome: ApplyOutcome) {
        added += outcome.added
        updated += outcome.updated
        withdrawn += outcome.withdrawn
        unchanged += outcome.unchanged + outcome.own
        heads += outcome.heads
        refused += outcome.refusals
    }
}

/// What a sync with every peer did.
public struct SyncReport: Sendable, Codable {
    public var peers: [PeerSyncReport]

    public var ok: Bool { peers.allSatisfy(\.ok) }
}
