/// An agency's or the national node's signed statement that an origin's key belongs to it:
/// "origin `subject`, key `key`, region `region`, level `level`, valid until `expires`".
/// A later statement by the same endorser about the same subject and key replaces an earlier one;
/// one with `revoked: true` withdraws the endorsement for good.
public struct EndorsementPayload: Codable, Sendable, Hashable {
    public let endorser: String
    public let subject: String
    /// The subject's public key, `ed25519:BASE64`.
    public let key: String
    public let region: String
    /// The subject's level: `cluster`, `agency` or `national`. Only agencies and the national node
    /// may endorse in turn.
    public let level: String
    public let issued: String
    public let expires: String
    public let revoked: Bool

    public init(
        endorser: String, subject: String, key: String, region: String, level: String, issued: String,
        expires: String, revoked: Bool = false
    ) {
        self.endorser = endorser
        self.subject = subject
        self.key = key
        self.region = region
        self.level = level
        self.issued = issued
        self.expires = expires
        self.revoked = revoked
    }

    /// Whether the subject may endorse others in turn.
    public var subjectMayEndorse: Bool { level == "agency" || level == "national" }
}
