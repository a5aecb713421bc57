import CatalogCore
import Foundation
import GRDB

/// One row of the `endorsement` table.
public struct StoredEndorsement: Sendable, Hashable {
    public let endorser: String
    public let subject: String
    public let envelope: Data
    public let viaPeer: String?
    /// The key the signature was checked under when the statement was stored.
    public let signer: NodePublicKey?
}

/// What the node keeps of trust statements. Each is small, and what one node serves must fit in
/// one answer another node accepts (32 MiB): 6,000 endorsements and 4,000 rotations of at most
/// 2 KiB each are 20 MiB.
public enum StatementLimits {
    /// Statements by one endorser: its subjects × their keys (a state has tens of clusters).
    public static let perEndorser = 2_000
    public static let endorsements = 6_000
    /// The longest chain of rotations kept of one origin (each key rotates once).
    public static let rotationsPerOrigin = 16
    /// Rotations of the origins one endorser vouches for (the origin itself, for a pinned one).
    public static let rotationsPerSponsor = 1_000
    public static let rotations = 4_000
    /// An expired endorsement is kept this long, then pruned (a revocation is kept: it is final).
    public static let expiredRetention: TimeInterval = 30 * 86_400
}

/// The outcome of storing trust statements.
public struct StatementSave: Sendable {
    /// Statements that changed what the node holds.
    public var stored = 0
    /// Statements refused for a limit, with the reason.
    public var overLimit: [(statement: Data, reason: String)] = []
}

extension CatalogStore {
    /// Stores endorsement statements the node made or received (signatures and entitlement checked
    /// by the caller), keeping only the newest statement per endorser, subject and key (a
    /// revocation is final), within `StatementLimits`; prunes endorsements long expired.
    ///
    /// - Parameter signers: for each statement, the key its signature was checked under.
    @discardableResult
    public func saveEndorsements(
        _ endorsements: [SignedEndorsement], signers: [NodePublicKey?] = [], viaPeer: String?, at now: Date = Date()
    ) async throws -> StatementSave {
        try await write { db in
            var save = StatementSave()
            try db.execute(
                sql: "DELETE FROM endorsement WHERE revoked = 0 AND expires < ?",
                arguments: [Timestamp.format(now.addingTimeInterval(-StatementLimits.expiredRetention))])
            var total = try Int.fetchOne(db, sql: "SELECT count(*) FROM endorsement") ?? 0
            var byEndorser = Dictionary(
                try Row.fetchAll(db, sql: "SELECT endorser, count(*) FROM endorsement GROUP BY endorser")
                    .map { ($0[0] as String, $0[1] as Int) }, uniquingKeysWith: { a, _ in a })
            for (index, signed) in endorsements.enumerated() {
                let e = signed.endorsement
                let key = signed.subjectKey.rawRepresentation
                let signer = index < signers.count ? signers[index]?.rawRepresentation : nil
                guard signed.envelope.bytes.count <= Envelope.maxStatementBytes else {
                    save.overLimit.append(
                        (signed.envelope.bytes, "statement larger than \(Envelope.maxStatementBytes) bytes"))
                    continue
                }
                if let existing = try Data.fetchOne(
                    db,
                    sql: "SELECT envelope FROM endorsement WHERE endorser = ? AND subject = ? AND subject_key = ?",
                    arguments: [e.endorser, e.subject, key])
                {
                    // A held statement this version no longer reads (stored under looser form
                    // rules) proves nothing now: a well-formed one for its triple replaces it.
                    guard existing != signed.envelope.bytes,
                        (try? SignedEndorsement(bytes: existing)).map({ signed.supersedes($0) }) ?? true
                    else { continue }
                } else {
                    guard byEndorser[e.endorser, default: 0] < StatementLimits.perEndorser else {
                        save.overLimit.append(
                            (
                                signed.envelope.bytes,
                                "\(e.endorser) has \(StatementLimits.perEndorser) statements already"
                            ))
                        continue
                    }
                    if total >= StatementLimits.endorsements {
                        // Full: the endorser holding the most statements gives up its oldest, so
                        // that a few prolific (or hostile) endorsers cannot shut the others out.
                        guard let (largest, count) = byEndorser.max(by: { $0.value < $1.value }),
                            count > byEndorser[e.endorser, default: 0] + 1
                        else {
                            save.overLimit.append(
                                (
                                    signed.envelope.bytes,
                                    "the node holds \(StatementLimits.endorsements) endorsements already"
                                ))
                            continue
                        }
                        try db.execute(
                            sql: """
                                DELETE FROM endorsement WHERE rowid = (
                                    SELECT rowid FROM endorsement WHERE endorser = ? ORDER BY revoked, received_at LIMIT 1)
                                """,
                            arguments: [largest])
                        byEndorser[largest, default: 0] -= 1
                        total -= 1
                    }
                    byEndorser[e.endorser, default: 0] += 1
                    total += 1
                }
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO endorsement
                            (endorser, subject, subject_key, level, region, issued, expires, revoked, envelope, received_at,
                             via_peer, signer_key)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        e.endorser, e.subject, key, e.level, e.region, e.issued, e.expires, e.revoked,
                        signed.envelope.bytes, Timestamp.format(now), viaPeer, signer,
                    ])
                save.stored += 1
            }
            return save
        }
    }

    /// Every endorsement statement the node holds, revocations included.
    public func endorsements() async throws -> [StoredEndorsement] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT endorser, subject, envelope, via_peer, signer_key FROM endorsement
                    ORDER BY endorser, subject, issued
                    """
            ).map {
                StoredEndorsement(
                    endorser: $0["endorser"], subject: $0["subject"], envelope: $0["envelope"], viaPeer: $0["via_peer"],
                    signer: ($0["signer_key"] as Data?).flatMap { try? NodePublicKey(raw: $0) })
            }
        }
    }

    /// Stores key rotation statements received from `viaPeer` (checked by the caller); one per
    /// origin and new key, within `StatementLimits`; never one of the node's own origin, which
    /// only the node itself rotates. Returns how many were new, and those refused for a limit.
    ///
    /// - Parameter sponsors: for each rotation, the endorser its origin's trust rests on (the
    ///   origin itself when pinned), whose share of rotations it takes.
    @discardableResult
    public func saveRotations(
        _ rotations: [SignedKeyRotation], sponsors: [String], viaPeer: String, at now: Date = Date()
    ) async throws -> StatementSave {
        try await write { db in
            var save = StatementSave()
            let selfOrigin = try String.fetchOne(db, sql: "SELECT name FROM origin WHERE is_self = 1")
            var total = try Int.fetchOne(db, sql: "SELECT count(*) FROM key_rotation") ?? 0
            for (index, signed) in rotations.enumerated() {
                let r = signed.rotation
                let sponsor = index < sponsors.count ? sponsors[index] : r.origin
                let exists =
                    try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM key_rotation WHERE origin = ? AND new_key = ?",
                        arguments: [r.origin, signed.newKey.rawRepresentation]) ?? false
                if exists { continue }
                // A key rotates once. A second rotation of it (a thief's, most likely) is refused
                // where the first arrived first, and relayed by no node that kept the first.
                let rotatedBefore =
                    try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM key_rotation WHERE origin = ? AND old_key = ?",
                        arguments: [r.origin, signed.oldKey.rawRepresentation]) ?? false
                if rotatedBefore {
                    save.overLimit.append(
                        (signed.envelope.bytes, "a second rotation of one key of \(r.origin); the first is kept"))
                    continue
                }
                let byOrigin =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM key_rotation WHERE origin = ?", arguments: [r.origin]) ?? 0
                let bySponsor =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM key_rotation WHERE sponsor = ?", arguments: [sponsor]) ?? 0
                if r.origin == selfOrigin || signed.envelope.bytes.count > Envelope.maxStatementBytes
                    || byOrigin >= StatementLimits.rotationsPerOrigin
                    || bySponsor >= StatementLimits.rotationsPerSponsor
                    || total >= StatementLimits.rotations
                {
                    save.overLimit.append(
                        (signed.envelope.bytes, "key rotation of \(r.origin) beyond the node's limits"))
                    continue
                }
                try db.execute(
                    sql: """
                        INSERT INTO key_rotation
                            (origin, old_key, new_key, from_seq, issued, envelope, received_at, via_peer, sponsor)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        r.origin, signed.oldKey.rawRepresentation, signed.newKey.rawRepresentation, r.fromSeq, r.issued,
                        signed.envelope.bytes, Timestamp.format(now), viaPeer, sponsor,
                    ])
                total += 1
                save.stored += 1
            }
            return save
        }
    }

    /// Whether a rotation of the node's own retired `key` is held: a process that still signs with
    /// it signs what nobody accepts.
    public func isRetiredOwnKey(_ key: NodePublicKey) async throws -> Bool {
        try await read { db in
            guard let origin = try String.fetchOne(db, sql: "SELECT name FROM origin WHERE is_self = 1") else {
                return false
            }
            return try Self.isRetired(ownKey: key, of: origin, db)
        }
    }

    /// The version of what trust is computed from (endorsements, rotations, own keys): it moves on
    /// every change, whichever process made it.
    public func trustVersion() async throws -> Int64 {
        try await read { db in try Int64.fetchOne(db, sql: "SELECT version FROM trust_version") ?? 0 }
    }

    /// Every key rotation statement held, as stored.
    public func rotations() async throws -> [Data] {
        try await read { db in try Data.fetchAll(db, sql: "SELECT envelope FROM key_rotation ORDER BY origin, issued") }
    }

    /// The node's own key rotations, as it signed them.
    public func ownRotations() async throws -> [Data] {
        try await read { db in
            try Data.fetchAll(
                db,
                sql: """
                    SELECT envelope FROM key_rotation
                    WHERE via_peer IS NULL AND origin = (SELECT name FROM origin WHERE is_self = 1) ORDER BY issued
                    """)
        }
    }
}
