import CatalogCore
import Foundation
import GRDB

extension CatalogStore {
    /// Makes `origin` this node's own origin, trusting `key` for it. Done once, by `init`.
    public func registerSelf(origin: String, key: NodePublicKey, at now: Date = Date()) async throws {
        try await write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT name FROM origin WHERE is_self = 1") {
                throw CatalogError(.conflict, "this database already belongs to '\(existing)'")
            }
            try db.execute(sql: "INSERT INTO origin (name, is_self) VALUES (?, 1)", arguments: [origin])
            try OriginKey(origin: origin, key: key, source: .self, addedAt: Timestamp.format(now)).insert(db)
        }
    }

    /// The node's own origin name, once `registerSelf` ran.
    public func selfOrigin() async throws -> String? {
        try await read { db in try String.fetchOne(db, sql: "SELECT name FROM origin WHERE is_self = 1") }
    }

    /// Changes the node's own catalog in one transaction: `plan` sees the stored state and returns
    /// the signed envelopes to store (seqs following `maxSeq` in order); then `signHead` signs a head
    /// over the catalog as it now stands. Either all of it is stored or none.
    ///
    /// With `keyChange`, the new key, its rotation statement and the node's own endorsements signed
    /// anew are stored in the same transaction: a key rotation and the catalog re-signed under the
    /// new key are one step.
    ///
    /// - Parameter signer: the key the envelopes and head are signed with; refused when a rotation
    ///   retired it (a process still holding the old key after `key rotate` elsewhere).
    public func writeOwnCatalog<T: Sendable>(
        plan: @Sendable @escaping (OwnCatalogState) throws -> (entries: [SignedEntry], result: T),
        signHead: @Sendable @escaping (CatalogHeadState) throws -> SignedHead,
        signer: NodePublicKey,
        keyChange: OwnKeyChange? = nil,
        at now: Date = Date()
    ) async throws -> T {
        try await write { db in
            guard let origin = try String.fetchOne(db, sql: "SELECT name FROM origin WHERE is_self = 1") else {
                throw CatalogError(.configuration, "the database has no own origin; run clusternode init")
            }
            guard try !Self.isRetired(ownKey: signer, of: origin, db) else {
                throw CatalogError(
                    .conflict, "this process signs with a key retired by a key rotation; restart it to use the new key")
            }
            if let keyChange {
                try Self.store(keyChange, origin: origin, at: now, db)
            }
            let maxSeq =
                try Int64.fetchOne(db, sql: "SELECT max_seq FROM origin WHERE name = ?", arguments: [origin]) ?? 0
            let stored = try StoredEntry.filter(StoredEntry.Columns.origin == origin).fetchAll(db)
            let state = OwnCatalogState(
                origin: origin, maxSeq: maxSeq, entries: Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0) }))

            let (entries, result) = try plan(state)
            var expectedSeq = maxSeq
            let receivedAt = Timestamp.format(now)
            var receipt = try Self.lastReceipt(db)
            let terms = SearchTerms()
            for signed in entries {
                expectedSeq += 1
                guard signed.origin == origin, signed.seq == expectedSeq else {
                    throw CatalogError(
                        .conflict, "own write out of order: \(signed.id) has seq \(signed.seq), expected \(expectedSeq)"
                    )
                }
                receipt += 1
                try Self.upsert(
                    signed, previous: state.entries[signed.id], receipt: receipt, receivedAt: receivedAt, viaPeer: nil,
                    terms: terms, db)
            }
            try terms.flush(db)
            if expectedSeq != maxSeq {
                try db.execute(sql: "UPDATE origin SET max_seq = ? WHERE name = ?", arguments: [expectedSeq, origin])
            }
            let head = try signHead(
                CatalogHeadState(origin: origin, seq: expectedSeq, lines: Self.liveLines(origin: origin, db)))
            guard head.head.origin == origin, head.head.seq == expectedSeq else {
                throw CatalogError(.conflict, "head does not match the catalog it was signed for")
            }
            try StoredHead(head, receivedAt: receivedAt, receipt: receipt + 1, viaPeer: nil).save(db)
            return result
        }
    }

    /// Whether the node itself rotated away from `key`: what it signs with `key` nobody accepts.
    static func isRetired(ownKey key: NodePublicKey, of origin: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM key_rotation WHERE origin = ? AND old_key = ? AND via_peer IS NULL",
            arguments: [origin, key.rawRepresentation]) ?? false
    }

    private static func store(_ change: OwnKeyChange, origin: String, at now: Date, _ db: Database) throws {
        guard try !isRetired(ownKey: change.rotation.oldKey, of: origin, db) else {
            throw CatalogError(.conflict, "this key was rotated already; open the node again to use the new one")
        }
        try OriginKey(origin: origin, key: change.key, source: .self, addedAt: Timestamp.format(now)).insert(db)
        let r = change.rotation.rotation
        try db.execute(
            sql: """
                INSERT INTO key_rotation (origin, old_key, new_key, from_seq, issued, envelope, received_at, via_peer)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
                """,
            arguments: [
                r.origin, change.rotation.oldKey.rawRepresentation, change.rotation.newKey.rawRepresentation, r.fromSeq,
                r.issued, change.rotation.envelope.bytes, Timestamp.format(now),
            ])
        for signed in change.endorsements {
            let e = signed.endorsement
            try db.execute(
                sql: """
                    UPDATE endorsement SET level = ?, region = ?, issued = ?, expires = ?, revoked = ?, envelope = ?,
                        received_at = ?, signer_key = ?
                    WHERE endorser = ? AND subject = ? AND subject_key = ? AND via_peer IS NULL
                    """,
                arguments: [
                    e.level, e.region, e.issued, e.expires, e.revoked, signed.envelope.bytes, Timestamp.format(now),
                    change.key.rawRepresentation, e.endorser, e.subject, signed.subjectKey.rawRepresentation,
                ])
        }
    }

    /// The last position used in the change feed, by entries and heads alike.
    static func lastReceipt(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(
            db,
            sql:
                "SELECT max((SELECT coalesce(max(receipt), 0) FROM entry), (SELECT coalesce(max(receipt), 0) FROM head))"
        ) ?? 0
    }

    /// Stores `signed` as the newest version of its entry. A tombstone keeps the visibility of the
    /// version it withdraws, so the withdrawal of a local entry stays local too.
    static func upsert(
        _ signed: SignedEntry, previous: StoredEntry?, receipt: Int64, receivedAt: String, viaPeer: String?,
        terms: SearchTerms, _ db: Database
    ) throws {
        let visibility = signed.entry?.visibility ?? previous?.visibility ?? .federated
        let row = StoredEntry(
            origin: signed.origin, id: signed.id, seq: signed.seq, updated: signed.payload.updated,
            deleted: signed.isTombstone, type: signed.entry?.type, visibility: visibility,
            payloadHash: signed.payloadHash, envelope: signed.envelope.bytes, receipt: receipt,
            receivedAt: receivedAt, viaPeer: viaPeer)
        // One statement compiled once per connection: this runs for every stored envelope.
        try db.cachedStatement(
            sql: """
                INSERT INTO entry (origin, id, seq, updated, deleted, type, visibility, payload_hash, envelope, receipt,
                                   received_at, via_peer, signer)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (origin, id) DO UPDATE SET
                    seq = excluded.seq, updated = excluded.updated, deleted = excluded.deleted, type = excluded.type,
                    visibility = excluded.visibility, payload_hash = excluded.payload_hash,
                    envelope = excluded.envelope, receipt = excluded.receipt, received_at = excluded.received_at,
                    via_peer = excluded.via_peer, signer = excluded.signer
                """
        ).execute(arguments: [
            row.origin, row.id, row.seq, row.updated, row.deleted, row.type?.rawValue, row.visibility.rawValue,
            row.payloadHash, row.envelope, row.receipt, row.receivedAt, row.viaPeer, signer(of: signed),
        ])
        // A search document exists only for an entry stored before.
        try SearchIndex.update(signed, indexedBefore: previous != nil, terms: terms, db)
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO seq_record (origin, seq, payload_hash) VALUES (?, ?, ?)")
            .execute(arguments: [signed.origin, signed.seq, signed.payloadHash])
    }

    /// The key id the envelope is signed under: the first of its origin's signatures (the one that
    /// verified, for every envelope this node wrote or received; the overview checks that).
    static func signer(of signed: SignedEntry) -> String? {
        signed.envelope.signatures.first { $0.keyid.hasPrefix(signed.origin + "#") }?.keyid
    }

    /// The digest of an origin's live federated entries, hashed as the index yields them in id order:
    /// no line is kept, so checking a large catalog needs no more memory than a small one.
    static func liveDigest(origin: String, _ db: Database) throws -> String {
        var digest = CatalogDigest.Builder()
        let rows = try liveLineRows(origin: origin, db)
        while let line = try rows.next() { try digest.add(line) }
        return digest.finish()
    }

    /// The digest lines of an origin's live federated entries: what its head covers.
    static func liveLines(origin: String, _ db: Database) throws -> [CatalogDigest.Line] {
        try Array(liveLineRows(origin: origin, db))
    }

    /// An origin's live federated entries as digest lines, in id order (SQLite compares ids as
    /// bytes, as the digest does), read from the `entry_lines` index alone.
    private static func liveLineRows(origin: String, _ db: Database) throws -> some Cursor<CatalogDigest.Line> {
        try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT id, seq, payload_hash FROM entry
                    WHERE origin = ? AND deleted = 0 AND visibility = 'federated' ORDER BY id
                    """),
            arguments: [origin]
        ).map { CatalogDigest.Line(id: $0[0], seq: $0[1], payloadHash: $0[2]) }
    }
}
