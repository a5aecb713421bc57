import CatalogCore
import CatalogSync
import Foundation
import Testing

@Suite("Trust: pinned keys and endorsement chains")
struct TrustSetTests {
    let national = NodeSigningKey(origin: "national")
    let agency = NodeSigningKey(origin: "bw-agency")
    let cluster = NodeSigningKey(origin: "medicalmountains")
    let other = NodeSigningKey(origin: "microtech")
    let now = Timestamp.parse("2026-11-29T10:00:00Z")!

    func endorse(
        _ subject: NodeSigningKey, by endorser: NodeSigningKey, level: String = "cluster",
        expires: String = "2027-11-29T10:00:00Z",
        issued: String = "2026-11-01T10:00:00Z", revoked: Bool = false
    ) throws -> SignedEndorsement {
        try SignedEndorsement.sign(
            EndorsementPayload(
                endorser: endorser.origin, subject: subject.origin, key: subject.publicKey.text, region: "DE-BW",
                level: level,
                issued: issued, expires: expires, revoked: revoked),
            with: endorser)
    }

    func anchor(_ key: NodeSigningKey, mayEndorse: Bool) -> TrustSet.Anchor {
        .init(origin: key.origin, key: key.publicKey, mayEndorse: mayEndorse)
    }

    @Test("a pinned key is trusted; an unknown origin is not")
    func pinned() {
        let trust = TrustSet(anchors: [anchor(cluster, mayEndorse: false)], endorsements: [], now: now)
        #expect(trust.keys(for: "medicalmountains") == [cluster.publicKey])
        #expect(!trust.isTrusted("microtech"))
        #expect(trust.distrust(of: "microtech") == .unknown)
    }

    @Test("a chain national → agency → cluster makes the cluster trusted for whoever pins the national node")
    func chain() throws {
        let trust = TrustSet(
            anchors: [anchor(national, mayEndorse: true)],
            endorsements: [try endorse(cluster, by: agency), try endorse(agency, by: national, level: "agency")],
            now: now)
        #expect(trust.isTrusted("bw-agency"))
        #expect(trust.keys(for: "medicalmountains") == [cluster.publicKey])
    }

    @Test("a cluster cannot endorse, neither can an agency endorsed only as a cluster")
    func onlyEndorsersEndorse() throws {
        let viaCluster = TrustSet(
            anchors: [anchor(cluster, mayEndorse: false)], endorsements: [try endorse(other, by: cluster)], now: now)
        #expect(!viaCluster.isTrusted("microtech"))
        let demoted = TrustSet(
            anchors: [anchor(national, mayEndorse: true)],
            endorsements: [try endorse(agency, by: national, level: "cluster"), try endorse(other, by: agency)],
            now: now)
        #expect(demoted.isTrusted("bw-agency"))
        #expect(!demoted.isTrusted("microtech"))
    }

    @Test("an endorsement signed by the wrong key proves nothing")
    func forgedEndorsement() throws {
        let impostor = NodeSigningKey(origin: "bw-agency")
        let trust = TrustSet(
            anchors: [anchor(agency, mayEndorse: true)], endorsements: [try endorse(other, by: impostor)], now: now)
        #expect(!trust.isTrusted("microtech"))
    }

    @Test("an expired endorsement does not count, and says so")
    func expired() throws {
        let trust = TrustSet(
            anchors: [anchor(agency, mayEndorse: true)],
            endorsements: [try endorse(cluster, by: agency, expires: "2026-11-28T10:00:00Z")], now: now)
        #expect(!trust.isTrusted("medicalmountains"))
        #expect(trust.distrust(of: "medicalmountains") == .expired)
    }

    @Test("a revocation withdraws the key even while an older endorsement is unexpired")
    func revoked() throws {
        let trust = TrustSet(
            anchors: [anchor(agency, mayEndorse: true)],
            endorsements: [
                try endorse(cluster, by: agency),
                try endorse(cluster, by: agency, issued: "2026-11-20T10:00:00Z", revoked: true),
            ], now: now)
        #expect(!trust.isTrusted("medicalmountains"))
        #expect(trust.distrust(of: "medicalmountains") == .revoked)
    }

    @Test("a revocation supersedes every statement, and a later statement supersedes an earlier one")
    func superseding() throws {
        let early = try endorse(cluster, by: agency, issued: "2026-11-01T10:00:00Z")
        let later = try endorse(cluster, by: agency, issued: "2026-11-10T10:00:00Z")
        let revocation = try endorse(cluster, by: agency, issued: "2026-11-05T10:00:00Z", revoked: true)
        #expect(later.supersedes(early))
        #expect(!early.supersedes(later))
        #expect(revocation.supersedes(later))
        #expect(!later.supersedes(revocation))
    }

    @Test("the digest changes with what is trusted, and only then")
    func digest() throws {
        let before = TrustSet(anchors: [anchor(agency, mayEndorse: true)], endorsements: [], now: now)
        let same = TrustSet(anchors: [anchor(agency, mayEndorse: true)], endorsements: [], now: now)
        let after = TrustSet(
            anchors: [anchor(agency, mayEndorse: true)], endorsements: [try endorse(cluster, by: agency)], now: now)
        #expect(before.digest == same.digest)
        #expect(after.digest != before.digest)
    }
}

@Suite("Trust: revocation and ordering")
struct TrustRevocationTests {
    let national = NodeSigningKey(origin: "national")
    let agency = NodeSigningKey(origin: "bw-agency")
    let cluster = NodeSigningKey(origin: "medicalmountains")
    let attacker = NodeSigningKey(origin: "attacker")
    let now = Timestamp.parse("2026-11-29T10:00:00Z")!

    func statement(
        _ subject: NodeSigningKey, by endorser: NodeSigningKey, level: String = "cluster",
        issued: String = "2026-11-01T10:00:00Z",
        revoked: Bool = false
    ) throws -> SignedEndorsement {
        try SignedEndorsement.sign(
            EndorsementPayload(
                endorser: endorser.origin, subject: subject.origin, key: subject.publicKey.text, region: "DE-BW",
                level: level,
                issued: issued, expires: "2027-11-29T10:00:00Z", revoked: revoked),
            with: endorser)
    }

    @Test("revoking an agency's key also withdraws what that key endorsed")
    func revocationCascades() throws {
        let anchors = [TrustSet.Anchor(origin: "national", key: national.publicKey, mayEndorse: true)]
        let statements = [
            try statement(agency, by: national, level: "agency"),
            try statement(cluster, by: agency),
            try statement(attacker, by: agency),
        ]
        #expect(TrustSet(anchors: anchors, endorsements: statements, now: now).isTrusted("attacker"))
        let revocation = try statement(
            agency, by: national, level: "agency", issued: "2026-11-20T10:00:00Z", revoked: true)
        let after = TrustSet(anchors: anchors, endorsements: statements + [revocation], now: now)
        #expect(!after.isTrusted("bw-agency") && !after.isTrusted("medicalmountains") && !after.isTrusted("attacker"))
        #expect(after.distrust(of: "bw-agency") == .revoked)
    }

    @Test("the right to endorse belongs to a key, not to an origin")
    func endorseRightsPerKey() throws {
        let secondKey = NodeSigningKey(origin: "bw-agency")
        let anchors = [TrustSet.Anchor(origin: "national", key: national.publicKey, mayEndorse: true)]
        let statements = [
            try statement(agency, by: national, level: "cluster"),
            try statement(secondKey, by: national, level: "agency"),
            try statement(cluster, by: agency),  // signed with the key that may not endorse
        ]
        let trust = TrustSet(anchors: anchors, endorsements: statements, now: now)
        #expect(trust.keys(for: "bw-agency").count == 2)
        #expect(!trust.isTrusted("medicalmountains"))
    }

    @Test("an endorsement whose signer becomes trusted later in the same evaluation still counts")
    func orderIndependent() throws {
        let anchors = [TrustSet.Anchor(origin: "national", key: national.publicKey, mayEndorse: true)]
        let statements = [try statement(cluster, by: agency), try statement(agency, by: national, level: "agency")]
        #expect(TrustSet(anchors: anchors, endorsements: statements, now: now).isTrusted("medicalmountains"))
        #expect(TrustSet(anchors: anchors, endorsements: statements.reversed(), now: now).isTrusted("medicalmountains"))
    }

    @Test("endorsements cannot add keys to an anchored origin")
    func anchorsStay() throws {
        let impostor = NodeSigningKey(origin: "national")
        let anchors = [
            TrustSet.Anchor(origin: "national", key: national.publicKey, mayEndorse: true),
            TrustSet.Anchor(origin: "bw-agency", key: agency.publicKey, mayEndorse: true),
        ]
        let trust = TrustSet(
            anchors: anchors, endorsements: [try statement(impostor, by: agency, level: "national")], now: now)
        #expect(trust.keys(for: "national") == [national.publicKey])
    }
}

@Suite("Trust: key rotation")
struct KeyRotationTrustTests {
    let agency = NodeSigningKey(origin: "bw-agency")
    let old = NodeSigningKey(origin: "medicalmountains")
    let new = NodeSigningKey(origin: "medicalmountains")
    let now = Timestamp.parse("2026-11-29T10:00:00Z")!

    func rotation(from: NodeSigningKey, to: NodeSigningKey) throws -> SignedKeyRotation {
        try SignedKeyRotation.sign(from: from, to: to, fromSeq: 7, issued: "2026-11-20T10:00:00Z")
    }

    @Test("a rotation signed by both keys makes the new key trusted wherever the old one is, pinned or endorsed")
    func rotationCarriesTrust() throws {
        let pinned = TrustSet(
            anchors: [.init(origin: "medicalmountains", key: old.publicKey, mayEndorse: false)], endorsements: [],
            rotations: [try rotation(from: old, to: new)], now: now)
        #expect(Set(pinned.keys(for: "medicalmountains")) == [old.publicKey, new.publicKey])
        let endorsement = try SignedEndorsement.sign(
            EndorsementPayload(
                endorser: "bw-agency", subject: "medicalmountains", key: old.publicKey.text, region: "DE-BW",
                level: "cluster",
                issued: "2026-11-01T10:00:00Z", expires: "2027-11-01T10:00:00Z"),
            with: agency)
        let endorsed = TrustSet(
            anchors: [.init(origin: "bw-agency", key: agency.publicKey, mayEndorse: true)], endorsements: [endorsement],
            rotations: [try rotation(from: old, to: new)], now: now)
        #expect(endorsed.keys(for: "medicalmountains").contains(new.publicKey))
    }

    @Test("a rotation the old key did not sign proves nothing")
    func forgedRotation() throws {
        let attacker = NodeSigningKey(origin: "medicalmountains")
        // "medicalmountains moves from its old key to the attacker's", signed twice by the attacker.
        let payload = try CatalogJSON.encode(
            KeyRotationPayload(
                origin: "medicalmountains", oldKey: old.publicKey.text, newKey: attacker.publicKey.text, fromSeq: 7,
                issued: "2026-11-20T10:00:00Z"))
        let message = PAE.encode(payloadType: PayloadType.keyRotation, payload: payload)
        let signature = try attacker.signature(for: message).base64EncodedString()
        let envelope: [String: Any] = [
            "payloadType": PayloadType.keyRotation, "payload": payload.base64EncodedString(),
            "signatures": [["keyid": old.keyID, "sig": signature], ["keyid": attacker.keyID, "sig": signature]],
        ]
        let forged = try SignedKeyRotation(bytes: JSONSerialization.data(withJSONObject: envelope))
        #expect(!forged.isSignedByBothKeys)
        let trust = TrustSet(
            anchors: [.init(origin: "medicalmountains", key: old.publicKey, mayEndorse: false)], endorsements: [],
            rotations: [forged], now: now)
        #expect(trust.keys(for: "medicalmountains") == [old.publicKey])
        #expect(try rotation(from: old, to: new).isSignedByBothKeys)
    }

    @Test("an endorser's revocation of the new key overrides the rotation")
    func revokedNewKey() throws {
        let revocation = try SignedEndorsement.sign(
            EndorsementPayload(
                endorser: "bw-agency", subject: "medicalmountains", key: new.publicKey.text, region: "DE-BW",
                level: "cluster",
                issued: "2026-11-25T10:00:00Z", expires: "2026-11-25T10:00:00Z", revoked: true),
            with: agency)
        let endorsement = try SignedEndorsement.sign(
            EndorsementPayload(
                endorser: "bw-agency", subject: "medicalmountains", key: old.publicKey.text, region: "DE-BW",
                level: "cluster",
                issued: "2026-11-01T10:00:00Z", expires: "2027-11-01T10:00:00Z"),
            with: agency)
        let trust = TrustSet(
            anchors: [.init(origin: "bw-agency", key: agency.publicKey, mayEndorse: true)],
            endorsements: [endorsement, revocation],
            rotations: [try rotation(from: old, to: new)], now: now)
        #expect(trust.keys(for: "medicalmountains") == [old.publicKey])
    }
}
