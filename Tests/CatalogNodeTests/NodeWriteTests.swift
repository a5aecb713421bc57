import CatalogCore
import CatalogImport
import CatalogNode
import CatalogStore
import CatalogTestSupport
import Foundation
import Testing

@Suite("Writing the node's own catalog")
struct NodeWriteTests {
    @Test("importing the same entries twice changes nothing; an edit gets a new seq")
    func idempotentImport() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        let entries = try CatalogImporter.read(file: Fixtures.exampleCatalog("csv"))
        let first = try await test.node.put(entries)
        #expect(first.added.count == 6 && first.seq == 6)
        let headBefore = try await test.node.store.head(origin: test.node.origin)

        let again = try await test.node.put(entries)
        #expect(again.changed == 0 && again.unchanged.count == 6 && again.seq == 6)
        #expect(try await test.node.store.origins().first?.maxSeq == 6)

        var edited = entries
        edited[0].keywords.append("Audit")
        let edit = try await test.node.put(edited)
        #expect(edit.updated == [edited[0].id] && edit.seq == 7)
        let row = try #require(try await test.node.store.entry(origin: test.node.origin, id: edited[0].id))
        let keywords = try row.signedEntry().entry?.keywords ?? []
        #expect(row.seq == 7 && keywords.contains("Audit"))
        #expect(try await test.node.store.head(origin: test.node.origin)?.digest != headBefore?.digest)
    }

    @Test("with replace, entries missing from the import are withdrawn by signed tombstones")
    func replace() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training(), Fixtures.offering()])
        let kept = try await test.node.put([Fixtures.training()])
        #expect(kept.withdrawn.isEmpty)
        let replaced = try await test.node.put([Fixtures.training()], replace: true)
        #expect(replaced.withdrawn == ["medtech-forum"] && replaced.seq == 3)
        let tombstone = try #require(try await test.node.store.entry(origin: test.node.origin, id: "medtech-forum"))
        let signed = try tombstone.signedEntry()
        #expect(signed.isTombstone)
        try signed.verify(with: test.node.publicKey)
        #expect(try await test.node.store.head(origin: test.node.origin)?.live == 1)
    }

    @Test("one invalid entry and nothing is stored")
    func allOrNothing() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        var bad = Fixtures.offering(id: "bad")
        bad.topics = ["nonsense"]
        await #expect(throws: CatalogError.self) { try await test.node.put([Fixtures.training(), bad]) }
        await #expect(throws: CatalogError.self) {
            try await test.node.put([Fixtures.training(), Fixtures.training()])
        }
        #expect(try await test.node.store.entries(origin: test.node.origin, includeWithdrawn: true).isEmpty)
        #expect(try await test.node.store.head(origin: test.node.origin)?.seq == 0)
    }

    @Test("add refuses an existing id unless asked to update; remove writes a tombstone once")
    func addAndRemove() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.add(Fixtures.training(), allowUpdate: false)
        var changed = Fixtures.training()
        changed.durationHours = 16
        await #expect(throws: CatalogError.self) { try await test.node.add(changed, allowUpdate: false) }
        #expect(try await test.node.add(changed, allowUpdate: true).updated == ["gmp-grundlagen"])
        #expect(try await test.node.remove(id: "gmp-grundlagen").withdrawn == ["gmp-grundlagen"])
        await #expect(throws: CatalogError.self) { try await test.node.remove(id: "gmp-grundlagen") }
        await #expect(throws: CatalogError.self) { try await test.node.remove(id: "never-there") }
        // A withdrawn id may be used again.
        #expect(try await test.node.add(Fixtures.training(), allowUpdate: false).added == ["gmp-grundlagen"])
        #expect(try await test.node.store.head(origin: test.node.origin)?.seq == 4)
    }

    @Test("every head signed after a write covers the catalog as it then stands")
    func headsFollowWrites() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training(), Fixtures.offering()])
        try await test.node.remove(id: "medtech-forum")
        let head = try #require(try await test.node.store.head(origin: test.node.origin))
        let signed = try head.signedHead()
        try signed.verify(with: test.node.publicKey)
        let live = try await test.node.store.liveLines(origin: test.node.origin)
        #expect(signed.head.seq == 3 && signed.head.live == 1)
        #expect(signed.head.digest == CatalogDigest.compute(live))
        let issued = try #require(Timestamp.parse(signed.head.issued))
        let expires = try #require(Timestamp.parse(signed.head.expires))
        #expect(expires.timeIntervalSince(issued) == 30 * 86_400)
    }
}

@Suite("Visibility")
struct VisibilityTests {
    @Test("an entry that left the node cannot become local; a local one can become federated")
    func federatedStaysFederated() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.offering()])
        var local = Fixtures.offering()
        local.visibility = .local
        await #expect(throws: CatalogError.self) { try await test.node.put([local]) }
        try await test.node.remove(id: "medtech-forum")
        await #expect(throws: CatalogError.self) { try await test.node.add(local, allowUpdate: true) }

        var survey = Fixtures.offering(id: "umfrage", kind: "survey")
        survey.visibility = .local
        try await test.node.put([survey])
        survey.visibility = .federated
        #expect(try await test.node.put([survey]).updated == ["umfrage"])
    }
}
