import CatalogCore
import CatalogNode
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogTrust

@Suite("The trust a node holds, and what it is offered")
struct NodeTrustTests {
    @Test("a replayed endorsement the node holds a revocation of proves nothing, nor what its key signs")
    func replayedEndorsement() async throws {
        let test = try await TestNode.make(name: "national", level: .national)
        defer { test.remove() }
        let stolen = NodeSigningKey(origin: "bw-agency")
        let current = NodeSigningKey(origin: "bw-agency")
        let cluster = NodeSigningKey(origin: "medicalmountains")
        let yesterday = Date().addingTimeInterval(-86_400)
        let replayed = try await test.node.endorse(
            subject: "bw-agency", key: stolen.publicKey, region: "DE-BW", level: .agency, now: yesterday)
        _ = try await test.node.revokeEndorsement(subject: "bw-agency", key: stolen.publicKey)
        _ = try await test.node.endorse(subject: "bw-agency", key: current.publicKey, region: "DE-BW", level: .agency)
        func statement(by key: NodeSigningKey, revoked: Bool) throws -> SignedEndorsement {
            try TrustStatements.endorsement(
                of: "medicalmountains", key: cluster.publicKey, by: key,
                issued: Timestamp.format(revoked ? Date() : yesterday),
                expires: Timestamp.format(Date().addingTimeInterval(86_400 * 300)), revoked: revoked)
        }
        try await test.node.store.saveEndorsements(
            [try statement(by: current, revoked: false)], signers: [current.publicKey], viaPeer: "bw-agency")
        #expect(try await NodeTrust.current(test.node).isTrusted("medicalmountains"))

        // The thief serves the superseded endorsement of its key and revocations signed with it.
        let candidate = try await NodeTrust.candidate(
            test.node, extra: [replayed, try statement(by: stolen, revoked: true)], extraRotations: [])
        #expect(candidate.verdicts[0] == nil)
        #expect(candidate.verdicts[1] != .entitled)
        #expect(candidate.trust.isTrusted("medicalmountains"))
    }

    @Test("the trust set is kept until a statement, a key or a peer file changes")
    func cached() async throws {
        let test = try await TestNode.make(name: "bw-agency", level: .agency)
        defer { test.remove() }
        let before = try await NodeTrust.current(test.node)
        #expect(!before.isTrusted("medicalmountains"))
        _ = try await test.node.endorse(
            subject: "medicalmountains", key: NodeSigningKey(origin: "medicalmountains").publicKey, region: "DE-BW",
            level: .cluster)
        #expect(try await NodeTrust.current(test.node).isTrusted("medicalmountains"))
        let snapshot = try await NodeTrust.snapshot(test.node)
        #expect(snapshot.statements.count == 1)
        // A pin written to the peer directory is seen at once.
        let pinned = NodeSigningKey(origin: "microtech")
        let file = PeerFile(
            name: "microtech", displayName: "Microtech", url: "https://127.0.0.1:1", level: .cluster, region: "DE-BW",
            key: pinned.publicKey, tls: .system, pinnedAt: "2026-12-01T09:00:00Z")
        try PeerDirectory(test.node.directory).save(file, certificatePEM: nil, replace: false)
        #expect(try await NodeTrust.current(test.node).keys(for: "microtech") == [pinned.publicKey])
    }
}
