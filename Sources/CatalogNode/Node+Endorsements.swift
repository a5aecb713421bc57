import CatalogCore
import CatalogStore
import Foundation

extension Node {
    public static let defaultEndorsementDays = 365

    /// Signs and stores this node's endorsement of `subject`'s key; peers that trust this node accept
    /// the subject's entries from then on. Only agencies and the national node endorse.
    public func endorse(
        subject: String, key: NodePublicKey, region: String, level: NodeLevel,
        validDays: Int = Node.defaultEndorsementDays, now: Date = Date()
    ) async throws -> SignedEndorsement {
        try checkMayEndorse(subject)
        guard (1...3650).contains(validDays) else {
            throw CatalogError(.invalidInput, "an endorsement is valid for 1 to 3650 days")
        }
        guard Vocabularies.regions.contains(region) else {
            throw CatalogError(.invalidInput, "region '\(region)' is not a German state code or DE")
        }
        guard config.level.mayEndorse(level, in: region, from: config.region) else {
            let scope =
                config.level == .national
                ? "the national node endorses agencies and clusters"
                : "an agency endorses clusters of its own region (\(config.region))"
            throw CatalogError(
                .invalidInput,
                "cannot endorse \(subject) as \(level.rawValue) in \(region): \(scope); peers would refuse it")
        }
        let payload = EndorsementPayload(
            endorser: origin, subject: subject, key: key.text, region: region, level: level.rawValue,
            issued: Timestamp.format(now), expires: Timestamp.format(now.addingTimeInterval(Double(validDays) * 86_400))
        )
        let signed = try SignedEndorsement.sign(payload, with: signingKey)
        try await save(signed, now: now)
        return signed
    }

    /// Signs and stores a revocation of this node's endorsement of `subject`'s key, e.g. when the key
    /// was compromised. A revocation cannot be undone; endorse a new key instead.
    public func revokeEndorsement(subject: String, key: NodePublicKey, now: Date = Date()) async throws
        -> SignedEndorsement
    {
        try checkMayEndorse(subject)
        let payload = EndorsementPayload(
            endorser: origin, subject: subject, key: key.text, region: config.region, level: NodeLevel.cluster.rawValue,
            issued: Timestamp.format(now), expires: Timestamp.format(now), revoked: true)
        let signed = try SignedEndorsement.sign(payload, with: signingKey)
        try await save(signed, now: now)
        return signed
    }

    private func save(_ signed: SignedEndorsement, now: Date) async throws {
        guard try await !store.isRetiredOwnKey(publicKey) else {
            throw CatalogError(
                .conflict, "this process signs with a key retired by a key rotation; run the command again")
        }
        let saved = try await store.saveEndorsements([signed], signers: [publicKey], viaPeer: nil, at: now)
        if let refused = saved.overLimit.first {
            throw CatalogError(.conflict, "the statement was not stored: \(refused.reason)")
        }
    }

    private func checkMayEndorse(_ subject: String) throws {
        guard config.level.mayEndorse else {
            throw CatalogError(
                .conflict, "only agencies and the national node endorse; this node is a \(config.level.rawValue)")
        }
        guard Slug.isValidOrigin(subject), subject != origin else {
            throw CatalogError(.invalidInput, "'\(subject)' is not another node's origin name")
        }
    }
}
