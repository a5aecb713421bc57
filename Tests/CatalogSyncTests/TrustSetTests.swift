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

    @Test("growth is detected when a new origin or key becomes trusted")
    func growth() throws {
        let before = TrustSet(anchors: [anchor(agency, mayEndorse: true)], endorsements: [], now: now)
        let after = TrustSet(
            anchors: [anchor(agency, mayEndorse: true)], endorsements: [try endorse(cluster, by: agency)], now: now)
        #expect(after.isGrown(comparedTo: before))
        #expect(!before.isGrown(comparedTo: after))
    }
}
