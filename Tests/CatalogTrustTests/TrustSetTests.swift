import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogTrust

/// Keys and statements of a small federation: the national node, the Baden-Württemberg and
/// Bavarian agencies, and clusters.
struct TrustFixture {
    let national = NodeSigningKey(origin: "national")
    let agency = NodeSigningKey(origin: "bw-agency")
    let bavaria = NodeSigningKey(origin: "by-agency")
    let cluster = NodeSigningKey(origin: "medicalmountains")
    let other = NodeSigningKey(origin: "microtech")
    let now = Timestamp.parse("2026-11-29T10:00:00Z")!

    func endorse(
        _ subject: NodeSigningKey, by endorser: NodeSigningKey, level: String = "cluster", region: String = "DE-BW",
        expires: String = "2027-11-29T10:00:00Z", issued: String = "2026-11-01T10:00:00Z", revoked: Bool = false
    ) throws -> SignedEndorsement {
        try TrustStatements.endorsement(
            of: subject.origin, key: subject.publicKey, by: endorser, level: level, region: region, issued: issued,
            expires: expires, revoked: revoked)
    }

    func revoke(_ subject: NodeSigningKey, by endorser: NodeSigningKey, issued: String = "2026-11-20T10:00:00Z")
        throws -> SignedEndorsement
    {
        try endorse(subject, by: endorser, issued: issued, revoked: true)
    }

    func pin(_ key: NodeSigningKey, _ level: NodeLevel, _ region: String = "DE-BW") -> TrustSet.Anchor {
        .init(origin: key.origin, key: key.publicKey, level: level, region: region)
    }

    var nationalAnchor: TrustSet.Anchor { pin(national, .national, "DE") }

    func trust(
        _ anchors: [TrustSet.Anchor], _ statements: [SignedEndorsement] = [], rotations: [SignedKeyRotation] = []
    ) -> TrustSet {
        TrustSet(anchors: anchors, endorsements: statements, rotations: rotations, now: now)
    }
}

@Suite("Trust: pinned keys and endorsement chains")
struct TrustSetTests {
    let f = TrustFixture()

    @Test("a pinned key is trusted; an unknown origin is not")
    func pinned() {
        let trust = f.trust([f.pin(f.cluster, .cluster)])
        #expect(trust.keys(for: "medicalmountains") == [f.cluster.publicKey])
        #expect(!trust.isTrusted("microtech"))
        #expect(trust.distrust(of: "microtech") == .unknown)
    }

    @Test("a chain national → agency → cluster makes the cluster trusted for whoever pins the national node")
    func chain() throws {
        let trust = f.trust(
            [f.nationalAnchor],
            [try f.endorse(f.cluster, by: f.agency), try f.endorse(f.agency, by: f.national, level: "agency")])
        #expect(trust.isTrusted("bw-agency"))
        #expect(trust.keys(for: "medicalmountains") == [f.cluster.publicKey])
        #expect(trust.statementVerdicts == [.entitled, .entitled])
    }

    @Test("a cluster cannot endorse, neither can an agency endorsed only as a cluster")
    func onlyEndorsersEndorse() throws {
        let viaCluster = f.trust([f.pin(f.cluster, .cluster)], [try f.endorse(f.other, by: f.cluster)])
        #expect(!viaCluster.isTrusted("microtech"))
        guard case .notEntitled = viaCluster.statementVerdicts.first else {
            Issue.record("a cluster's endorsement is \(viaCluster.statementVerdicts)")
            return
        }
        let demoted = f.trust(
            [f.nationalAnchor],
            [try f.endorse(f.agency, by: f.national, level: "cluster"), try f.endorse(f.other, by: f.agency)])
        #expect(demoted.isTrusted("bw-agency"))
        #expect(!demoted.isTrusted("microtech"))
    }

    @Test("an endorsement signed by the wrong key proves nothing")
    func forgedEndorsement() throws {
        let impostor = NodeSigningKey(origin: "bw-agency")
        let trust = f.trust([f.pin(f.agency, .agency)], [try f.endorse(f.other, by: impostor)])
        #expect(!trust.isTrusted("microtech"))
        #expect(trust.statementVerdicts == [.unverified])
    }

    @Test("an expired endorsement does not count, and says so")
    func expired() throws {
        let trust = f.trust(
            [f.pin(f.agency, .agency)], [try f.endorse(f.cluster, by: f.agency, expires: "2026-11-28T10:00:00Z")])
        #expect(!trust.isTrusted("medicalmountains"))
        #expect(trust.distrust(of: "medicalmountains") == .expired)
    }

    @Test("a revocation withdraws the key even while an older endorsement is unexpired")
    func revoked() throws {
        let trust = f.trust(
            [f.pin(f.agency, .agency)], [try f.endorse(f.cluster, by: f.agency), try f.revoke(f.cluster, by: f.agency)])
        #expect(!trust.isTrusted("medicalmountains"))
        #expect(trust.distrust(of: "medicalmountains") == .revoked)
    }

    @Test("a revocation supersedes every statement, and a later statement supersedes an earlier one")
    func superseding() throws {
        let early = try f.endorse(f.cluster, by: f.agency, issued: "2026-11-01T10:00:00Z")
        let later = try f.endorse(f.cluster, by: f.agency, issued: "2026-11-10T10:00:00Z")
        let revocation = try f.revoke(f.cluster, by: f.agency, issued: "2026-11-05T10:00:00Z")
        #expect(later.supersedes(early))
        #expect(!early.supersedes(later))
        #expect(revocation.supersedes(later))
        #expect(!later.supersedes(revocation))
    }

    @Test("the digest changes with what is trusted, and only then")
    func digest() throws {
        let before = f.trust([f.pin(f.agency, .agency)])
        let same = f.trust([f.pin(f.agency, .agency)])
        let after = f.trust([f.pin(f.agency, .agency)], [try f.endorse(f.cluster, by: f.agency)])
        #expect(before.digest == same.digest)
        #expect(after.digest != before.digest)
    }

    @Test("the trust set says when it changes by itself: the first expiry it rests on")
    func nextChange() throws {
        let trust = f.trust(
            [f.pin(f.agency, .agency)],
            [
                try f.endorse(f.cluster, by: f.agency, expires: "2027-01-01T00:00:00Z"),
                try f.endorse(f.other, by: f.agency, expires: "2026-12-24T00:00:00Z"),
            ])
        #expect(trust.nextChange == Timestamp.parse("2026-12-24T00:00:00Z"))
    }
}

@Suite("Trust: endorsement is scoped as the federation is")
struct TrustScopeTests {
    let f = TrustFixture()

    @Test("an agency endorses clusters of its own region only")
    func agencyRegion() throws {
        let trust = f.trust(
            [f.pin(f.bavaria, .agency, "DE-BY")],
            [
                try f.endorse(f.cluster, by: f.bavaria, region: "DE-BW"),
                try f.endorse(f.other, by: f.bavaria, region: "DE-BY"),
            ])
        #expect(!trust.isTrusted("medicalmountains"))
        #expect(trust.isTrusted("microtech"))
        guard case .notEntitled(let why) = trust.statementVerdicts[0] else {
            Issue.record("out-of-region endorsement: \(trust.statementVerdicts[0])")
            return
        }
        #expect(why.contains("DE-BW"))
        #expect(trust.statementVerdicts[1] == .entitled)
    }

    @Test("an agency endorses no agency or national node; the national node endorses no national node")
    func levels() throws {
        let byAgency = f.trust(
            [f.pin(f.agency, .agency)],
            [
                try f.endorse(f.other, by: f.agency, level: "agency"),
                try f.endorse(f.cluster, by: f.agency, level: "national"),
            ])
        #expect(byAgency.origins == ["bw-agency"])
        let byNational = f.trust(
            [f.nationalAnchor],
            [
                try f.endorse(f.agency, by: f.national, level: "national", region: "DE"),
                try f.endorse(f.bavaria, by: f.national, level: "agency", region: "DE-BY"),
            ])
        #expect(!byNational.isTrusted("bw-agency"))
        #expect(byNational.standing(of: "by-agency")?.level == .agency)
    }

    @Test("an agency of another region cannot hijack a cluster the national node endorsed")
    func hijack() throws {
        let fake = NodeSigningKey(origin: "medicalmountains")
        let trust = f.trust(
            [f.nationalAnchor, f.pin(f.bavaria, .agency, "DE-BY")],
            [
                try f.endorse(f.cluster, by: f.national, region: "DE-BW"),
                try f.revoke(f.cluster, by: f.bavaria),  // not Bavaria's endorsement to withdraw
                try f.endorse(fake, by: f.bavaria, region: "DE-BW"),
                try f.endorse(fake, by: f.bavaria, region: "DE-BY"),  // in region, but another key for the origin
            ])
        #expect(trust.keys(for: "medicalmountains") == [f.cluster.publicKey])
        #expect(trust.standing(of: "medicalmountains")?.region == "DE-BW")
        #expect(trust.statementVerdicts[1] == .entitled)  // a revocation Bavaria may make: of nothing of its own
        #expect(trust.statementVerdicts[2] != .entitled)
        // Two agencies claiming one cluster for their regions: disputed, trusted through neither.
        let contested = f.trust(
            [f.pin(f.agency, .agency), f.pin(f.bavaria, .agency, "DE-BY")],
            [try f.endorse(f.cluster, by: f.agency), try f.endorse(fake, by: f.bavaria, region: "DE-BY")])
        #expect(!contested.isTrusted("medicalmountains"))
        #expect(contested.disputedOrigins == ["medicalmountains"])
    }

    @Test("a revocation withdraws only its endorser's own endorsement, and what rests on it")
    func revocationIsTheEndorsersOwn() throws {
        let statements = [
            try f.endorse(f.cluster, by: f.national, region: "DE-BW"),
            try f.endorse(f.agency, by: f.national, level: "agency"),
            try f.endorse(f.cluster, by: f.agency),
            try f.revoke(f.cluster, by: f.agency),
        ]
        let trust = f.trust([f.nationalAnchor], statements)
        #expect(trust.isTrusted("medicalmountains"))
        #expect(trust.grants(for: "medicalmountains").map(\.endorser) == ["national"])
        let withdrawn = f.trust([f.nationalAnchor], statements + [try f.revoke(f.cluster, by: f.national)])
        #expect(!withdrawn.isTrusted("medicalmountains"))
        #expect(withdrawn.distrust(of: "medicalmountains") == .revoked)
    }

    @Test("a pinned key is the operator's alone: statements neither add keys to it nor revoke it")
    func anchorsStay() throws {
        let impostor = NodeSigningKey(origin: "medicalmountains")
        let trust = f.trust(
            [f.nationalAnchor, f.pin(f.cluster, .cluster)],
            [try f.endorse(impostor, by: f.national), try f.revoke(f.cluster, by: f.national)])
        #expect(trust.keys(for: "medicalmountains") == [f.cluster.publicKey])
    }

    @Test(
        "level and region come from the grant that makes an origin trusted, never from a statement that does not count")
    func standing() throws {
        let trust = f.trust(
            [f.nationalAnchor, f.pin(f.other, .cluster)],
            [
                try f.endorse(f.agency, by: f.national, level: "agency", region: "DE-BW"),
                try f.endorse(f.bavaria, by: f.other, level: "national", region: "DE"),  // a cluster's word
            ])
        #expect(trust.standing(of: "bw-agency")?.level == .agency)
        #expect(trust.standing(of: "bw-agency")?.region == "DE-BW")
        #expect(trust.standing(of: "by-agency") == nil)
    }
}

@Suite("Trust: revocation and ordering")
struct TrustRevocationTests {
    let f = TrustFixture()
    let attacker = NodeSigningKey(origin: "attacker")

    @Test("revoking an agency's key also withdraws what that key endorsed")
    func revocationCascades() throws {
        let statements = [
            try f.endorse(f.agency, by: f.national, level: "agency"),
            try f.endorse(f.cluster, by: f.agency),
            try f.endorse(attacker, by: f.agency),
        ]
        #expect(f.trust([f.nationalAnchor], statements).isTrusted("attacker"))
        let revocation = try f.revoke(f.agency, by: f.national)
        let after = f.trust([f.nationalAnchor], statements + [revocation])
        #expect(!after.isTrusted("bw-agency") && !after.isTrusted("medicalmountains") && !after.isTrusted("attacker"))
        #expect(after.distrust(of: "bw-agency") == .revoked)
        // What the revoked agency signed is no longer something this node relays.
        #expect(after.statementVerdicts[1] != .entitled)
        #expect(after.statementVerdicts[3] == .entitled)
    }

    @Test("the right to endorse belongs to a key, not to an origin")
    func endorseRightsPerKey() throws {
        let secondKey = NodeSigningKey(origin: "bw-agency")
        let trust = f.trust(
            [f.nationalAnchor],
            [
                try f.endorse(f.agency, by: f.national, level: "cluster"),
                try f.endorse(secondKey, by: f.national, level: "agency"),
                try f.endorse(f.cluster, by: f.agency),  // signed with the key that may not endorse
            ])
        #expect(trust.keys(for: "bw-agency").count == 2)
        #expect(!trust.isTrusted("medicalmountains"))
    }

    @Test("an endorsement whose signer becomes trusted later in the same evaluation still counts")
    func orderIndependent() throws {
        let statements = [
            try f.endorse(f.cluster, by: f.agency), try f.endorse(f.agency, by: f.national, level: "agency"),
        ]
        #expect(f.trust([f.nationalAnchor], statements).isTrusted("medicalmountains"))
        #expect(f.trust([f.nationalAnchor], statements.reversed()).isTrusted("medicalmountains"))
    }

    /// (How fast 10,000 evaluate is clusterbench's to measure: `clusterbench --trust-only`.)
    @Test("a chain and a fan-out of statements evaluate to what the rules say")
    func manyStatements() throws {
        // A chain of agencies each endorsing the next: agencies endorse clusters only, so only the
        // first link (the national node's) counts.
        let agencies = (0..<100).map { NodeSigningKey(origin: "agency-\($0)") }
        var chain = [try f.endorse(agencies[0], by: f.national, level: "agency")]
        for index in 1..<agencies.count {
            chain.append(try f.endorse(agencies[index], by: agencies[index - 1], level: "agency"))
        }
        let chained = f.trust([f.nationalAnchor], chain)
        #expect(chained.origins == ["agency-0", "national"])
        // An agency endorsing 2,000 clusters of its region: every one counts.
        let clusters = (0..<2_000).map { NodeSigningKey(origin: "cluster-\($0)") }
        let fanOut = try clusters.map { try f.endorse($0, by: f.agency) }
        let trust = f.trust([f.pin(f.agency, .agency)], fanOut)
        #expect(trust.origins.count == 2_001)
        #expect(trust.statementVerdicts.allSatisfy { $0 == .entitled })
    }
}

@Suite("Trust: key rotation")
struct KeyRotationTrustTests {
    let f = TrustFixture()
    let new = NodeSigningKey(origin: "medicalmountains")
    var old: NodeSigningKey { f.cluster }

    func rotation(from: NodeSigningKey, to: NodeSigningKey, fromSeq: Int64 = 7) throws -> SignedKeyRotation {
        try SignedKeyRotation.sign(from: from, to: to, fromSeq: fromSeq, issued: "2026-11-20T10:00:00Z")
    }

    @Test("a rotation retires the old key for every seq and makes the new key valid from fromSeq, pinned or endorsed")
    func rotationRetiresOldKey() throws {
        let pinned = f.trust([f.pin(old, .cluster)], rotations: [try rotation(from: old, to: new)])
        #expect(pinned.keys(for: "medicalmountains") == [new.publicKey])
        #expect(pinned.retiredKeys(for: "medicalmountains") == [old.publicKey])
        // A thief with the old key signs nothing, not even a new id below fromSeq.
        #expect(pinned.keys(for: "medicalmountains", seq: 6).isEmpty)
        #expect(pinned.keys(for: "medicalmountains", seq: 7) == [new.publicKey])
        #expect(pinned.keys(for: "medicalmountains", seq: 5_000_000) == [new.publicKey])
        let endorsed = f.trust(
            [f.pin(f.agency, .agency)], [try f.endorse(old, by: f.agency)],
            rotations: [try rotation(from: old, to: new)])
        #expect(endorsed.keys(for: "medicalmountains", seq: 7) == [new.publicKey])
        #expect(endorsed.standing(of: "medicalmountains")?.level == .cluster)
    }

    @Test("a retired key signs no statements: an agency's old key endorses nothing after its rotation")
    func retiredKeySignsNoStatements() throws {
        let newAgencyKey = NodeSigningKey(origin: "bw-agency")
        let trust = f.trust(
            [f.pin(f.agency, .agency)], [try f.endorse(f.cluster, by: f.agency)],
            rotations: [try rotation(from: f.agency, to: newAgencyKey)])
        #expect(!trust.isTrusted("medicalmountains"))
        let resigned = try SignedEndorsement.sign(
            EndorsementPayload(
                endorser: "bw-agency", subject: "medicalmountains", key: f.cluster.publicKey.text, region: "DE-BW",
                level: "cluster", issued: "2026-11-21T10:00:00Z", expires: "2027-11-29T10:00:00Z"),
            with: newAgencyKey)
        let after = f.trust(
            [f.pin(f.agency, .agency)], [try f.endorse(f.cluster, by: f.agency), resigned],
            rotations: [try rotation(from: f.agency, to: newAgencyKey)])
        #expect(after.isTrusted("medicalmountains"))
    }

    @Test("a rotation the old key did not sign proves nothing")
    func forgedRotation() throws {
        let attacker = NodeSigningKey(origin: "medicalmountains")
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
        let trust = f.trust([f.pin(old, .cluster)], rotations: [forged])
        #expect(trust.keys(for: "medicalmountains") == [old.publicKey])
        #expect(trust.keys(for: "medicalmountains", seq: 100) == [old.publicKey])
    }

    @Test("the endorser of the old key may revoke the new one; another endorser may not")
    func revokedNewKey() throws {
        let revocation = try f.endorse(new, by: f.agency, revoked: true)
        let trust = f.trust(
            [f.pin(f.agency, .agency)], [try f.endorse(old, by: f.agency), revocation],
            rotations: [try rotation(from: old, to: new)])
        #expect(trust.keys(for: "medicalmountains").isEmpty)  // old retired, new revoked: ask for a new endorsement
        let elsewhere = f.trust(
            [f.pin(f.agency, .agency), f.pin(f.bavaria, .agency, "DE-BY")],
            [try f.endorse(old, by: f.agency), try f.endorse(new, by: f.bavaria, revoked: true)],
            rotations: [try rotation(from: old, to: new)])
        #expect(elsewhere.keys(for: "medicalmountains", seq: 7) == [new.publicKey])
    }

    @Test("two different rotations of one key void each other: the key retires, neither new key gains")
    func conflictingRotations() throws {
        let thief = NodeSigningKey(origin: "medicalmountains")
        let trust = f.trust(
            [f.pin(old, .cluster)],
            rotations: [try rotation(from: old, to: new, fromSeq: 20), try rotation(from: old, to: thief, fromSeq: 10)])
        #expect(trust.conflictedRotations == ["medicalmountains"])
        #expect(trust.keys(for: "medicalmountains").isEmpty)
        #expect(!trust.isTrusted("medicalmountains"))
    }

    @Test("a rotation at seq 1 (a catalog that never had an entry) still hands the standing to the new key")
    func rotationOfAnEmptyCatalog() throws {
        let trust = f.trust([f.pin(old, .cluster)], rotations: [try rotation(from: old, to: new, fromSeq: 1)])
        #expect(trust.keys(for: "medicalmountains", seq: 0) == [new.publicKey])
    }
}
