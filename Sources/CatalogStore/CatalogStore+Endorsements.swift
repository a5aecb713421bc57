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

    /// A digest over the endorsement statements held: a peer compares it to decide whether it must
    /// fetch them again.
    public func endorsementsDigest() async throws -> String {
        try await read { db in
            let hashes = try String.fetchAll(
                db, sql: "SELECT hex(envelope) FROM endorsement ORDER BY endorser, subject, subject_key")
            return CatalogDigest.compute(
                hashes.enumerated().map { CatalogDigest.Line(id: String($0.offset), seq: 0, payloadHash: $0.element) })
        }
    }
}
