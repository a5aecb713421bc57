import CatalogCore
import Foundation
import GRDB

extension CatalogStore {
    public func peerState(_ peer: String) async throws -> PeerState? {
        try await read { db in
            try PeerState.fetchOne(db, sql: "SELECT * FROM peer_state WHERE peer = ?", arguments: [peer])
        }
    }

    public func peerStates() async throws -> [PeerState] {
        try await read { db in try PeerState.fetchAll(db, sql: "SELECT * FROM peer_state ORDER BY peer") }
    }

    /// Records how an attempt to pull from `peer` ended.
    public func recordAttempt(peer: String, error: String?, at now: Date = Date()) async throws {
        let time = Timestamp.format(now)
        try await write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO peer_state (peer) VALUES (?)", arguments: [peer])
            if let error {
                try db.execute(
                    sql:
                        "UPDATE peer_state SET last_attempt = ?, last_error = ?, failures = failures + 1 WHERE peer = ?",
                    arguments: [time, error, peer])
            } else {
                try db.execute(
                    sql: """
                        UPDATE peer_state SET last_attempt = ?1, last_success = ?1, last_error = NULL, failures = 0
                        WHERE peer = ?2
                        """,
                    arguments: [time, peer])
            }
        }
    }

    /// Remembers the digest of the peer's endorsements, fetched and stored.
    public func recordEndorsements(peer: String, digest: String) async throws {
        try await write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO peer_state (peer) VALUES (?)", arguments: [peer])
            try db.execute(
                sql: "UPDATE peer_state SET endorsements_digest = ? WHERE peer = ?", arguments: [digest, peer])
        }
    }

    public func forgetPeer(_ peer: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM peer_state WHERE peer = ?", arguments: [peer]) }
    }

    /// How many refusals the node has logged, by reason.
    public func refusalCounts() async throws -> [Refusal.Reason: Int] {
        try await read { db in
            var counts: [Refusal.Reason: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT reason, count(*) AS n FROM refusal GROUP BY reason") {
                if let reason = Refusal.Reason(rawValue: row["reason"]) { counts[reason] = row["n"] }
            }
            return counts
        }
    }

    /// The newest refusals, newest first.
    public func recentRefusals(limit: Int = 100) async throws -> [Refusal] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM refusal ORDER BY id DESC LIMIT ?", arguments: [limit]
            ).compactMap { row in
                guard let reason = Refusal.Reason(rawValue: row["reason"]) else { return nil }
                return Refusal(
                    peer: row["peer"], origin: row["origin"], entryID: row["entry_id"], seq: row["seq"], reason: reason,
                    detail: row["detail"])
            }
        }
    }

    /// Origins whose copy differs from their newest head: how many live federated entries are held
    /// against how many the head lists, for origins other than the node's own.
    public func completeness() async throws -> [OriginCompleteness] {
        try await read { db in
            let heads = try StoredHead.fetchAll(db)
            let selfOrigin = try String.fetchOne(db, sql: "SELECT name FROM origin WHERE is_self = 1")
            return try heads.filter { $0.origin != selfOrigin }.map { head in
                let lines = try Self.liveLines(origin: head.origin, db)
                let maxSeq =
                    try Int64.fetchOne(
                        db, sql: "SELECT max_seq FROM origin WHERE name = ?", arguments: [head.origin]) ?? 0
                return OriginCompleteness(
                    origin: head.origin, headSeq: head.seq, headLive: head.live, held: lines.count, heldMaxSeq: maxSeq,
                    complete: CatalogDigest.compute(lines) == head.digest, headExpires: head.expires,
                    viaPeer: head.viaPeer)
            }
        }
    }
}

/// How an origin's copy compares with its newest head.
public struct OriginCompleteness: Sendable, Codable, Hashable {
    public let origin: String
    public let headSeq: Int64
    public let headLive: Int
    /// Live federated entries held.
    public let held: Int
    public let heldMaxSeq: Int64
    /// Whether the held entries hash to the head's digest.
    public let complete: Bool
    public let headExpires: String
    /// The peer the head came through.
    public let viaPeer: String?

    /// Entries the head lists that are not held (at least the difference in counts, one if only
    /// the digest differs).
    public var missing: Int { complete ? 0 : max(1, headLive - held) }
}
