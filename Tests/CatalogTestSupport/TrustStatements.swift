import CatalogCore

/// Signed trust statements for tests: one way to make them, so that every suite signs what the
/// protocol defines.
public enum TrustStatements {
    /// `endorser`'s statement that `key` is `subject`'s key at `level` in `region` (a revocation
    /// when `revoked`).
    public static func endorsement(
        of subject: String, key: NodePublicKey, by endorser: NodeSigningKey, level: String = "cluster",
        region: String = "DE-BW", issued: String = "2026-11-01T10:00:00Z", expires: String = "2027-11-29T10:00:00Z",
        revoked: Bool = false
    ) throws -> SignedEndorsement {
        try SignedEndorsement.sign(
            EndorsementPayload(
                endorser: endorser.origin, subject: subject, key: key.text, region: region, level: level,
                issued: issued, expires: expires, revoked: revoked),
            with: endorser)
    }
}
