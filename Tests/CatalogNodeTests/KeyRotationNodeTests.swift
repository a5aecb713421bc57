import CatalogCore
import CatalogNode
import CatalogStore
import CatalogTestSupport
import Foundation
import Testing

@Suite("Rotating the node's own key")
struct KeyRotationNodeTests {
    @Test("key rotate re-signs every entry, tombstone and the head under the new key at seqs from fromSeq")
    func reSigns() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training(), Fixtures.offering()])
        try await test.node.remove(id: "medtech-forum")
        let (rotated, rotation) = try await test.node.rotateKey()
        #expect(rotation.rotation.fromSeq == 4)
        let rows = try await rotated.store.entries(origin: rotated.origin, includeWithdrawn: true)
        #expect(rows.count == 2 && rows.allSatisfy { $0.seq >= 4 })
        for row in rows {
            let signed = try row.signedEntry()
            #expect((try? signed.verify(with: rotated.publicKey)) != nil)
            #expect((try? signed.verify(with: test.node.publicKey)) == nil)
        }
        let head = try #require(try await rotated.store.head(origin: rotated.origin)).signedHead()
        #expect(head.head.seq == 5 && (try? head.verify(with: rotated.publicKey)) != nil)
    }

    @Test("a process still holding the retired key cannot sign with it")
    func retiredKeyRefused() async throws {
        let test = try await TestNode.make(name: "bw-agency", level: .agency)
        defer { test.remove() }
        try await test.node.put([Fixtures.training()])
        let (rotated, _) = try await test.node.rotateKey()
        for attempt in 0..<3 {
            do {
                switch attempt {
                case 0: try await test.node.refreshHead()
                case 1: _ = try await test.node.rotateKey()
                default:
                    _ = try await test.node.endorse(
                        subject: "other", key: NodeSigningKey(origin: "other").publicKey, region: "DE-BW",
                        level: .cluster)
                }
                Issue.record("attempt \(attempt) signed with the retired key")
            } catch let error as CatalogError {
                #expect(error.message.contains("retired") || error.message.contains("rotated"), "\(error.message)")
            }
        }
        try await rotated.refreshHead()
    }

    @Test("a rotation interrupted between the key files is finished when the node opens")
    func interruptedSwap() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training()])
        let directory = test.node.directory
        let oldPEM = try Data(contentsOf: directory.signingKey)
        let (rotated, _) = try await test.node.rotateKey()
        let newPEM = try Data(contentsOf: directory.signingKey)
        try rotated.store.close()

        // Stopped after the database committed, before any file moved.
        _ = FileManager.default.createFile(
            atPath: directory.pendingSigningKey.path, contents: newPEM, attributes: [.posixPermissions: 0o600])
        try FileManager.default.removeItem(at: directory.signingKey)
        _ = FileManager.default.createFile(
            atPath: directory.signingKey.path, contents: oldPEM, attributes: [.posixPermissions: 0o600])
        let reopened = try await Node.open(directory)
        #expect(reopened.publicKey == rotated.publicKey)
        try reopened.store.close()

        // Stopped between the two renames: no signing.key, the new one pending.
        try FileManager.default.moveItem(at: directory.signingKey, to: directory.pendingSigningKey)
        let again = try await Node.open(directory)
        #expect(again.publicKey == rotated.publicKey)
        try await again.put([Fixtures.offering()])
        try again.store.close()
    }
}

@Suite("Storing trust statements")
struct StatementStoreTests {
    @Test("a peer cannot store a rotation of the node's own key; rotations are bounded per origin")
    func rotationsBounded() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        let own = try SignedKeyRotation.sign(
            from: NodeSigningKey(origin: test.node.origin), to: NodeSigningKey(origin: test.node.origin), fromSeq: 1,
            issued: "2026-12-01T09:00:00Z")
        let refused = try await test.node.store.saveRotations([own], sponsors: ["x"], viaPeer: "peer")
        #expect(refused.stored == 0 && refused.overLimit.count == 1)
        let first = NodeSigningKey(origin: "other")
        var key = first
        var rotations: [SignedKeyRotation] = []
        for index in 0..<(StatementLimits.rotationsPerOrigin + 1) {
            let next = NodeSigningKey(origin: "other")
            rotations.append(
                try SignedKeyRotation.sign(
                    from: key, to: next, fromSeq: Int64(index + 1), issued: "2026-12-01T09:00:00Z"))
            key = next
        }
        // A second rotation of the first key: a thief's, after the genuine one arrived.
        rotations.append(
            try SignedKeyRotation.sign(
                from: first, to: NodeSigningKey(origin: "other"), fromSeq: 1, issued: "2026-12-01T09:00:00Z"))
        let saved = try await test.node.store.saveRotations(
            rotations, sponsors: Array(repeating: "agency", count: rotations.count), viaPeer: "peer")
        #expect(saved.stored == StatementLimits.rotationsPerOrigin && saved.overLimit.count == 2)
        #expect(saved.overLimit.contains { $0.reason.contains("second rotation of one key") })
    }

    @Test("a later revocation replaces an earlier one (signed anew after a rotation); an endorsement never does")
    func revocationsReplaceable() throws {
        let agency = NodeSigningKey(origin: "bw-agency")
        func statement(issued: String, revoked: Bool) throws -> SignedEndorsement {
            try TrustStatements.endorsement(
                of: "mm", key: NodeSigningKey(origin: "mm").publicKey, by: agency, issued: issued,
                expires: "2027-12-01T09:00:00Z", revoked: revoked)
        }
        let revocation = try statement(issued: "2026-12-01T09:00:00Z", revoked: true)
        #expect(try statement(issued: "2026-12-02T09:00:00Z", revoked: true).supersedes(revocation))
        #expect(!(try statement(issued: "2026-12-03T09:00:00Z", revoked: false)).supersedes(revocation))
    }
}
