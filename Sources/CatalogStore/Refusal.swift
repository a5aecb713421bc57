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

        /// Refused for want of trust: the same envelope may be accepted once trust changes.
        public var isForWantOfTrust: Bool {
            [.badSignature, .untrustedOrigin, .endorsementExpired, .endorsementRevoked].contains(self)
        }
    }

    public var peer: String?
    public var origin: String?
    public var entryID: String?
    public var seq: Int64?
    public var reason: Reason
    public var detail: String

    public init(
        peer: String?, origin: String? = nil, entryID: String? = nil, seq: Int64? = nil, reason: Reason,
        detail: String
    ) {
        self.peer = peer
        self.origin = origin
        self.entryID = entryID
        self.seq = seq
        self.reason = reason
        self.detail = detail
    }

    public var description: String {
        var subject = origin ?? "?"
        if let entryID { subject += "/\(entryID)" }
        if let seq { subject += " seq \(seq)" }
        return "\(reason.rawValue): \(subject): \(detail)"
    }
}
