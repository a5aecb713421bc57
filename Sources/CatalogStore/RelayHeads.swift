/// How far a peer's own copy of each origin goes, as its signed heads say: what tells a relay that
/// is merely behind from one that serves less than it claims (docs/PROTOCOL.md, "Rollback and lag").
///
/// A peer serves the newest version of each entry it holds and the newest head of each origin. An
/// envelope older than the node's copy is therefore either lag (the peer's head for the origin is
/// older than the node's copy too: it has not caught up) or a rollback (its head claims a catalog
/// at least as new as the node's copy, yet it serves an older version).
public struct RelayHeads: Sendable, Equatable {
    /// The newest head seq the peer served for each origin, in this pull or its `/v1/heads`.
    public private(set) var seqs: [String: Int64] = [:]
    /// Whether `seqs` holds every head the peer has (it came from its `/v1/heads`): an origin not
    /// in it is one the peer claims nothing about.
    public var complete = false
    /// The peer's own origin: an origin cannot be behind itself, so anything older it serves of its
    /// own catalog is a rollback.
    public let peerOrigin: String?

    public init(peerOrigin: String?) {
        self.peerOrigin = peerOrigin
    }

    /// Notes the heads among verified items.
    public mutating func note(_ items: [ReceivedItem]) {
        for case .head(let signed) in items { note(origin: signed.head.origin, seq: signed.head.seq) }
    }

    public mutating func note(origin: String, seq: Int64) {
        seqs[origin] = max(seqs[origin] ?? seq, seq)
    }

    /// What an envelope of `origin` older than the node's copy at `heldSeq` is, or nil when the
    /// peer's head for the origin is not known yet.
    func lag(origin: String, heldSeq: Int64) -> Lag? {
        if origin == peerOrigin { return .rollback }
        guard let seq = seqs[origin] else { return complete ? .rollback : nil }
        return seq < heldSeq ? .behind : .rollback
    }

    enum Lag { case behind, rollback }
}

/// Thrown by `CatalogStore.applyReceived` (and nothing applied) when the page holds envelopes older
/// than the node's copy of origins whose head the peer has not served yet: fetch the peer's heads
/// and apply the page again.
public struct RelayHeadsNeeded: Error, Sendable {
    public let origins: Set<String>
}
