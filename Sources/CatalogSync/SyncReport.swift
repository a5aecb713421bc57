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
    /// Trust statements the peer served that the node refused at the door: signed by nobody it
    /// trusts, by a signer not entitled to make them, or beyond its limits.
    public var statementsRefused = 0
    /// The first refusals of the pull (at most `maxListedRefusals`).
    public var refused: [Refusal] = []
    /// Refusals beyond those listed, only counted.
    public var refusedNotLogged = 0

    /// The most refusals one report lists; the node's log keeps as many per peer.
    public static let maxListedRefusals = 1_000

    /// Every refusal of the pull, listed or not.
    public var refusedCount: Int { refused.count + refusedNotLogged }
    /// Envelopes older than this node's copy, per origin, that the peer served because its own copy
    /// is older too (its head says so): it is behind, which is not a refusal (`stale-relay`).
    public var staleRelay: [String: Int] = [:]
    /// Origins that signed two different envelopes for one seq, as this pull found (all of them,
    /// however many refusals came before).
    public var equivocating: Set<String> = []
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
        staleRelay.merge(outcome.behind, uniquingKeysWith: +)
        for refusal in outcome.refusals where refusal.reason == .equivocation {
            if let origin = refusal.origin { equivocating.insert(origin) }
        }
        let room = max(0, Self.maxListedRefusals - refused.count)
        refused += outcome.refusals.prefix(room)
        refusedNotLogged += max(0, outcome.refusals.count - room)
    }
}

/// What a sync with every peer did.
public struct SyncReport: Sendable, Codable {
    public var peers: [PeerSyncReport]

    public var ok: Bool { peers.allSatisfy(\.ok) }
}
