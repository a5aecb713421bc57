import CatalogCore
import CatalogStore
import CatalogTestSupport
import Foundation
import Testing

@Suite("The SQLite store", .timeLimit(.minutes(10)))
struct CatalogStoreTests {
    let key = NodeSigningKey(origin: "medicalmountains")

    /// A store in a fresh database file, with `medicalmountains` as its own origin.
    func makeStore() async throws -> (CatalogStore, TemporaryDirectory) {
        let directory = try TemporaryDirectory("store")
        let store = try CatalogStore.open(path: directory.file("catalog.sqlite").path)
        try await store.registerSelf(origin: "medicalmountains", key: key.publicKey)
        return (store, directory)
    }

    func sign(_ entry: Entry, seq: Int64) throws -> SignedEntry {
        try SignedEntry.sign(
            .version(of: entry, origin: "medicalmountains", seq: seq, updated: "2026-11-29T09:00:00Z"), with: key)
    }

    func head(_ state: CatalogHeadState) throws -> SignedHead {
        try SignedHead.sign(
            HeadPayload(
                origin: state.origin, seq: state.seq, live: state.live, digest: state.digest,
                issued: "2026-11-29T09:00:00Z", expires: "2026-12-29T09:00:00Z"), with: key)
    }

    @Test("an own write stores envelopes byte for byte, moves the seq and stores a matching head")
    func ownWrite() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        let first = try sign(Fixtures.training(), seq: 1)
        let second = try sign(Fixtures.offering(), seq: 2)
        try await store.writeOwnCatalog(plan: { _ in ([first, second], ()) }, signHead: head, signer: key.publicKey)

        let stored = try await store.entries(origin: "medicalmountains")
        #expect(stored.map(\.id) == ["gmp-grundlagen", "medtech-forum"])
        #expect(stored[0].envelope == first.envelope.bytes)
        #expect(stored[0].type == .training && stored[0].seq == 1)
        let storedHead = try #require(try await store.head(origin: "medicalmountains"))
        #expect(storedHead.seq == 2 && storedHead.live == 2)
        #expect(
            storedHead.digest
                == CatalogDigest.compute([
                    .init(id: first.id, seq: 1, payloadHash: first.payloadHash),
                    .init(id: second.id, seq: 2, payloadHash: second.payloadHash),
                ]))
        #expect(try await store.origins().first?.maxSeq == 2)
    }

    @Test("a write whose seqs do not follow on is refused whole")
    func outOfOrder() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        let good = try sign(Fixtures.training(), seq: 1)
        let skipped = try sign(Fixtures.offering(), seq: 3)
        await #expect(throws: CatalogError.self) {
            try await store.writeOwnCatalog(
                plan: { _ in ([good, skipped], ()) }, signHead: head, signer: key.publicKey)
        }
        #expect(try await store.entries(origin: "medicalmountains").isEmpty)
        #expect(try await store.head(origin: "medicalmountains") == nil)
    }

    @Test("a failure while signing the head rolls the whole write back")
    func headFailure() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        let entry = try sign(Fixtures.training(), seq: 1)
        await #expect(throws: CatalogError.self) {
            try await store.writeOwnCatalog(
                plan: { _ in ([entry], ()) }, signHead: { _ in throw CatalogError(.invalidKey, "no key") },
                signer: key.publicKey)
        }
        #expect(try await store.entries(origin: "medicalmountains", includeWithdrawn: true).isEmpty)
        #expect(try await store.origins().first?.maxSeq == 0)
    }

    @Test("a tombstone replaces the live version and keeps a local entry's visibility")
    func tombstones() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        var local = Fixtures.offering(id: "umfrage", kind: "survey")
        local.visibility = .local
        let signedLocal = try sign(local, seq: 1)
        try await store.writeOwnCatalog(plan: { _ in ([signedLocal], ()) }, signHead: head, signer: key.publicKey)
        let tombstone = try SignedEntry.sign(
            .tombstone(origin: "medicalmountains", id: "umfrage", seq: 2, updated: "2026-11-29T10:00:00Z"), with: key)
        try await store.writeOwnCatalog(plan: { _ in ([tombstone], ()) }, signHead: head, signer: key.publicKey)

        #expect(try await store.entries(origin: "medicalmountains").isEmpty)
        let row = try #require(try await store.entry(origin: "medicalmountains", id: "umfrage"))
        #expect(row.deleted && row.type == nil && row.visibility == .local && row.seq == 2)
        #expect(try await store.origins().first?.withdrawn == 1)
    }

    @Test("the head covers live federated entries only")
    func headCoversFederated() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        var local = Fixtures.offering(id: "intern")
        local.visibility = .local
        let signed = [try sign(Fixtures.training(), seq: 1), try sign(local, seq: 2)]
        try await store.writeOwnCatalog(plan: { _ in (signed, ()) }, signHead: head, signer: key.publicKey)
        #expect(try await store.head(origin: "medicalmountains")?.live == 1)
        #expect(try await store.liveLines(origin: "medicalmountains").map(\.id) == ["gmp-grundlagen"])
    }

    @Test("the database runs in WAL mode and its schema keeps its invariants, as the sqlite3 shell sees it")
    func schemaChecks() async throws {
        let (store, directory) = try await makeStore()
        try await store.writeOwnCatalog(
            plan: { _ in ([try sign(Fixtures.training(), seq: 1)], ()) }, signHead: head, signer: key.publicKey)
        try store.close()
        defer { directory.remove() }
        let path = directory.file("catalog.sqlite").path
        #expect(
            try Shell.run("sqlite3", [path, "PRAGMA journal_mode;"]).stdout.trimmingCharacters(
                in: .whitespacesAndNewlines) == "wal")
        #expect(try Shell.run("sqlite3", [path, "PRAGMA integrity_check;"]).stdout.contains("ok"))
        let badSeq = try Shell.run("sqlite3", [path, "UPDATE entry SET seq = 0;"])
        #expect(badSeq.status != 0 && badSeq.stderr.contains("CHECK"))
        let secondSelf = try Shell.run("sqlite3", [path, "INSERT INTO origin (name, is_self) VALUES ('other', 1);"])
        #expect(secondSelf.status != 0)
    }

    @Test("a database belongs to one origin")
    func oneSelf() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        await #expect(throws: CatalogError.self) {
            try await store.registerSelf(origin: "other", key: NodeSigningKey(origin: "other").publicKey)
        }
        #expect(try await store.selfOrigin() == "medicalmountains")
    }
}
