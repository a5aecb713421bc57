import CatalogCore
import Foundation
import GRDB

/// One row of the `endorsement` table.
public struct StoredEndorsement: Sendable, Hashable {
    public let endorser: String
    public let subject: String
    public let envelope: Data
    public let viaPeer: String?
}

extension CatalogStore {
    /// Stores endorsement statements the node made or received (signatures checked by the caller),
    /// keeping only the newest statement per endorser, subject and key; a revocation is final.
    /// Returns how many changed what the node holds.
    @discardableResult
    public func saveEndorsements(_ endorsements: [SignedEndorsement], viaPeer: String?, at now: Date = Date())
        async throws -> Int
    {
        try await write { db in
            var changed = 0
            for signed in endorsements {
                let e = signed.endorsement
                let key = signed.subjectKey.rawRepresentation
                if let existing = try Data.fetchOne(
                    db,
                    sql: "SELECT envelope FROM endorsement WHERE endorser = ? AND subject = ? AND subject_key = ?",
                    arguments: [e.endorser, e.subject, key])
                {
                    guard existing != signed.envelope.bytes,
                        let current = try? SignedEndorsement(bytes: existing), signed.supersedes(current)
                    else { continue }
                }
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO endorsement
                            (endorser, subject, subject_key, level, region, issued, expires, revoked, envelope, received_at, via_peer)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        e.endorser, e.subject, key, e.level, e.region, e.issued, e.expires, e.revoked,
                        signed.envelope.bytes, Timestamp.format(now), viaPeer,
                    ])
                changed += 1
            }
            return changed
        }
    }

    /// Every endorsement statement the node holds, revocations included.
    public func endorsements() async throws -> [StoredEndorsement] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT endorser, subject, envelope, via_peer FROM endorsement ORDER BY endorser, subject, issued"
            ).map {
                StoredEndorsement(
                    endorser: $0["endorser"], subject: $0["subject"], envelope: $0["envelope"], viaPeer: $0["via_peer"])
            }
        }
    }

    /// Stores key rotation statements (checked by the caller); one per origin and new key.
    @discardableResult
    public func saveRotations(_ rotations: [SignedKeyRotation], viaPeer: String?, at now: Date = Date()) async throws
        -> Int
    {
        try await write { db in
            var stored = 0
            for signed in rotations {
                let r = signed.rotation
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO key_rotation (origin, old_key, new_key, from_seq, issued, envelope, received_at, via_peer)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        r.origin, signed.oldKey.rawRepresentation, signed.newKey.rawRepresentation, r.fromSeq, r.issued,
                        signed.envelope.bytes, Timestamp.format(now), viaPeer,
                    ])
                stored += db.changesCount
            }
            return stored
        }
    }

    /// Trusts `key` as one of the node's own, and stores the rotation statement that announces it,
    /// in one transaction.
    public func addOwnKey(_ key: NodePublicKey, rotation: SignedKeyRotation, at now: Date = Date()) async throws {
        try await write { db in
            guard let origin = try String.fetchOne(db, sql: "SELECT name FROM origin WHERE is_self = 1") else {
                throw CatalogError(.configuration, "the database has no own origin")
            }
            try OriginKey(origin: origin, key: key, source: .self, addedAt: Timestamp.format(now)).insert(db)
            let r = rotation.rotation
            try db.execute(
                sql: """
                    INSERT INTO key_rotation (origin, old_key, new_key, from_seq, issued, envelope, received_at, via_peer)
                    VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
                    """,
                arguments: [
                    r.origin, rotation.oldKey.rawRepresentation, rotation.newKey.rawRepresentation, r.fromSeq, r.issued,
                    rotation.envelope.bytes, Timestamp.format(now),
                ])
        }
    }

    /// Every key rotation statement held, as stored.
    public func rotations() async throws -> [Data] {
        try await read { db in try Data.fetchAll(db, sql: "SELECT envelope FROM key_rotation ORDER BY origin, issued") }
    }

    /// A digest over the endorsement and key rotation statements held: a peer compares it to decide
    /// whether it must fetch them again.
    public func endorsementsDigest() async throws -> String {
        try await read { db in
            let hashes = try String.fetchAll(
                db,
                sql: """
                    SELECT hex(envelope) FROM (
                        SELECT envelope, endorser AS a, subject AS b, subject_key AS c FROM endorsement
                        UNION ALL SELECT envelope, origin, '~rotation', new_key FROM key_rotation
                    ) ORDER BY a, b, c
                    """)
            return CatalogDigest.compute(
                hashes.enumerated().map { CatalogDigest.Line(id: String($0.offset), seq: 0, payloadHash: $0.element) })
        }
    }
}
