import GRDB

/// Where the node stands with one peer.
public struct PeerState: Codable, Sendable, Hashable, FetchableRecord {
    public var peer: String
    /// The feed position to resume from.
    public var cursor: Int64
    /// The digest of the peer's endorsements when they were last fetched.
    public var endorsementsDigest: String?
    /// The digest of the node's trust when the cursor was last advanced: the cursor is only valid
    /// for that trust (entries refused for want of trust must be pulled again once trust changes).
    public var trustDigest: String?
    /// Whether a pull since the feed's start refused envelopes for want of trust (an unknown
    /// origin or key, an expired or revoked endorsement, a signature by a key not yet trusted).
    /// Only then can new trust change what the feed yields, and a pull start over.
    public var refusedForTrust: Bool
    /// Whether the peer's endorsements, when last fetched, included some no trusted key had signed.
    public var endorsementsDropped: Bool
    public var lastAttempt: String?
    public var lastSuccess: String?
    public var lastError: String?
    /// Consecutive failed attempts, for backoff.
    public var failures: Int

    enum CodingKeys: String, CodingKey {
        case peer, cursor, failures
        case endorsementsDigest = "endorsements_digest"
        case trustDigest = "trust_digest"
        case refusedForTrust = "refused_for_trust"
        case endorsementsDropped = "endorsements_dropped"
        case lastAttempt = "last_attempt"
        case lastSuccess = "last_success"
        case lastError = "last_error"
    }
}
