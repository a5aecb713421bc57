import CatalogCore

/// Something the node refused to store, and why. Kept in the `refusal` table, shown by `sync` and
/// counted on `/metrics`.
public struct Refusal: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Codable, Sendable, CaseIterable {
        /// The signature does not verify under the origin's trusted key: forged or altered bytes.
        case badSignature = "bad-signature"
        /// No trusted key for the origin: neither pinned nor endorsed.
        case untrustedOrigin = "untrusted-origin"
        /// The origin's only endorsements have expired.
        case endorsementExpired = "endorsement-expired"
        /// The origin's endorsement was revoked.
        case endorsementRevoked = "endorsement-revoked"
        /// An older version than the one stored: a replay or a lagging relay.
        case rollback
        /// Two different envelopes with the same origin and seq.
        case equivocation
        /// An envelope or page larger than the limits.
        case oversized
        /// Not a well-formed envelope or payload.
        case malformed
        /// Signed with a key of the origin that is retired for this seq (by a key rotation), or not
        /// yet valid for it.
        case retiredKey = "retired-key"
        /// A trust statement its signer may not make: an endorsement by a cluster or by a retired
        /// key, or beyond the endorser's level or region.
        case notEntitled = "not-entitled"
        /// Beyond what the node keeps: a trust statement too many of one endorser, or an entry
        /// beyond `CatalogStore.maxEntriesPerOrigin` of its origin.
        case overLimit = "over-limit"

        /// Refused for want of trust: the same envelope may be accepted once trust changes.
        public var isForWantOfTrust: Bool {
            [.badSignature, .untrustedOrigin, .endorsementExpired, .endorsementRevoked, .retiredKey].contains(self)
        }

        /// The origin itself (or its key) signed two different envelopes for one seq. Other refusals
        /// say nothing about the origin a line names, only about the peer that served it: a relay
        /// can replay an origin's genuine old versions at will.
        public var implicatesOrigin: Bool { self == .equivocation }
    }

    public var peer: String?
    public var origin: String?
    public var entryID: String?
    public var seq: Int64?
    public var reason: Reason
    /// What was wrong, in at most `maxDetail` characters; text a peer sent is escaped (`SafeText`).
    public var detail: String

    /// The longest detail kept: a refusal must not store what the peer sent.
    public static let maxDetail = 240

    public init(
        peer: String?, origin: String? = nil, entryID: String? = nil, seq: Int64? = nil, reason: Reason,
        detail: String
    ) {
        self.peer = peer
        self.origin = origin
        self.entryID = entryID
        self.seq = seq
        self.reason = reason
        self.detail = SafeText.excerpt(detail, limit: Self.maxDetail)
    }

    public var description: String {
        var subject = origin ?? "?"
        if let entryID { subject += "/\(entryID)" }
        if let seq { subject += " seq \(seq)" }
        return "\(reason.rawValue): \(subject): \(detail)"
    }
}
