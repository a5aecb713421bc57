import CatalogCore
import CatalogTestSupport
import Foundation
import GRDB
import Testing

@testable import CatalogStore

@Suite("Migrations are SQL; derived data is rebuilt after them")
struct MigrationTests {
    let key = NodeSigningKey(origin: "medicalmountains")

    /// A database as an old version left it: migrated up to v2, with a live entry that indexes, one
    /// whose envelope no longer parses, and a refusal whose detail holds raw control characters.
    func oldDatabase(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try CatalogStore.migrator.migrate(queue, upTo: "v2: federation")
        let signed = try SignedEntry.sign(
            .version(of: Fixtures.training(), origin: "medicalmountains", seq: 1, updated: "2026-11-29T09:00:00Z"),
            with: key)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO origin (name, is_self, max_seq) VALUES ('medicalmountains', 1, 2)")
            let insert = """
                INSERT INTO entry (origin, id, seq, updated, deleted, type, visibility, payload_hash, envelope,
                                   receipt, received_at)
                VALUES ('medicalmountains', ?, ?, '2026-11-29T09:00:00Z', 0, 'training', 'federated', ?, ?, ?,
                        '2026-11-29T09:00:00Z')
                """
            try db.execute(
                sql: insert,
                arguments: [signed.id, 1, signed.payloadHash, signed.envelope.bytes, 1])
            try db.execute(
                sql: insert,
                arguments: ["broken", 2, String(repeating: "0", count: 64), Data(#"{"payloadType":"x"}"#.utf8), 2])
            try db.execute(
                sql: "INSERT INTO refusal (at, peer, reason, detail) VALUES ('2026-11-29T09:00:00Z', 'bw', 'bad', ?)",
                arguments: ["\u{1B}[31mred" + String(repeating: "x", count: 2_000)])
        }
        try queue.close()
    }

    @Test(
        "an entry held before the search index is found after migrating; one that cannot be indexed is reported and kept"
    )
    func rebuildAfterMigrating() async throws {
        let directory = try TemporaryDirectory("migrate")
        defer { directory.remove() }
        let path = directory.file("catalog.sqlite").path
        try oldDatabase(path)

        let store = try CatalogStore.open(path: path)
        let unindexed = try await store.unindexedEntries()
        #expect(unindexed.map(\.id) == ["broken"] && unindexed.first?.reason.isEmpty == false)
        let (indexed, held, words, pending) = try await store.read { db in
            (
                try String.fetchAll(db, sql: "SELECT id FROM search_doc"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM entry") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM search_term WHERE term = 'gmp'") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM pending_rebuild") ?? -1
            )
        }
        #expect(indexed == ["gmp-grundlagen"] && held == 2 && words == 1 && pending == 0)
        let detail = try await store.read { db in try String.fetchOne(db, sql: "SELECT detail FROM refusal") }
        #expect(detail?.hasPrefix("\\u{1b}[31mred") == true && (detail?.count ?? 0) < 1_000)
        try store.close()

        // Rebuilt once; the entry it could not index stays reported until a new version is stored.
        let again = try CatalogStore.open(path: path)
        #expect(try await again.unindexedEntries().map(\.id) == ["broken"])
        let replacement = try SignedEntry.sign(
            .version(
                of: Fixtures.offering(id: "broken"), origin: "medicalmountains", seq: 3,
                updated: "2026-11-30T09:00:00Z"), with: key)
        try await again.writeOwnCatalog(
            plan: { _ in ([replacement], ()) },
            signHead: { state in
                try SignedHead.sign(
                    HeadPayload(
                        origin: state.origin, seq: state.seq, live: state.live, digest: state.digest,
                        issued: "2026-11-30T09:00:00Z", expires: "2026-12-30T09:00:00Z"), with: key)
            }, signer: key.publicKey)
        #expect(try await again.unindexedEntries().isEmpty)
        #expect(try await again.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_doc") } == 2)
        try again.close()
    }

    @Test("no migration calls application code: none names an indexer or a text rule")
    func migrationsAreSQL() throws {
        let source = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../Sources/CatalogStore/CatalogStore+Migrations.swift").standardized,
            encoding: .utf8)
        for name in ["SearchIndex", "SafeText", "SignedEntry", "try?"] {
            #expect(!source.contains(name), "a migration uses \(name)")
        }
    }
}
