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

    /// Remembers the digest of the peer's endorsements, fetched and stored, and whether some were
    /// dropped because no trusted key had signed them (new trust may accept them later).
    public func recordEndorsements(peer: String, digest: String, dropped: Bool) async throws {
        try await write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO peer_state (peer) VALUES (?)", arguments: [peer])
            try db.execute(
                sql: "UPDATE peer_state SET endorsements_digest = ?, endorsements_dropped = ? WHERE peer = ?",
                arguments: [digest, dropped, peer])
        }
    }

    public func forgetPeer(_ peer: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM peer_state WHERE peer = ?", arguments: [peer]) }
    }

    /// How many refusals the node has logged, by reason.
    public func refusalCounts() async throws -> [Refusal.Reason: Int] {
        try await read { db in
            var counts: [Refusal.Reason: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT reason, sum(count) AS n FROM refusal_count GROUP BY reason") {
                if let reason = Refusal.Reason(rawValue: row["reason"]) { counts[reason] = row["n"] }
            }
            return counts
        }
    }

    /// How many refusals each peer's answers caused, ever.
    public func refusalCountsByPeer() async throws -> [String: Int] {
        try await read { db in
            Dictionary(
                try Row.fetchAll(db, sql: "SELECT peer, sum(count) FROM refusal_count GROUP BY peer")
                    .map { ($0[0] as String, $0[1] as Int) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The newest refusals, newest first.
    public func recentRefusals(limit: Int = 100) async throws -> [Refusal] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM refusal ORDER BY id DESC LIMIT ?", arguments: [limit]
            ).compactMap { row in
                guard let reason = Refusal.Reason(rawValue: row["reason"]) else { return nil }
                var refusal = Refusal(
                    peer: row["peer"], origin: row["origin"], entryID: row["entry_id"], seq: row["seq"], reason: reason,
                    detail: "")
                refusal.detail = row["detail"]  // escaped when it was logged
                return refusal
            }
        }
    }

    /// How the node's copy of each received origin compares with its newest head; only the
    /// origins whose head came through `viaPeer`, when given.
    public func completeness(viaPeer: String? = nil) async throws -> [OriginCompleteness] {
        try await read { db in
            var request = StoredHead.filter(sql: "origin NOT IN (SELECT name FROM origin WHERE is_self = 1)")
            if let viaPeer { request = request.filter(Column("via_peer") == viaPeer) }
            return try request.fetchAll(db).map { head in
                let held = try Self.heldCount(origin: head.origin, db)
                let maxSeq =
                    try Int64.fetchOne(
                        db, sql: "SELECT max_seq FROM origin WHERE name = ?", arguments: [head.origin]) ?? 0
                let equivocations =
                    try Int.fetchOne(
                        db,
                        sql: "SELECT sum(count) FROM refusal_count WHERE origin = ? AND reason = 'equivocation'",
                        arguments: [head.origin]) ?? 0
                return OriginCompleteness(
                    origin: head.origin, headSeq: head.seq, headLive: head.live, held: held, heldMaxSeq: maxSeq,
                    complete: try Self.copyMatches(head, held: held, db), headExpires: head.expires,
                    viaPeer: head.viaPeer, forked: equivocations > 0)
            }
        }
    }

    /// How many live federated entries of `origin` the node holds.
    static func heldCount(origin: String, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM entry WHERE origin = ? AND deleted = 0 AND visibility = 'federated'",
            arguments: [origin]) ?? 0
    }

    /// Whether the `held` live entries of the head's origin are exactly what the head describes. The
    /// catalog is hashed only when the counts agree: otherwise the answer is known already.
    static func copyMatches(_ head: StoredHead, held: Int, _ db: Database) throws -> Bool {
        guard head.live == held else { return false }
        return try liveDigest(origin: head.origin, db) == head.digest
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
    /// The origin signed two different envelopes for one seq (equivocation), as this node saw: its
    /// catalog has two histories, and the copy may never match its head.
    public let forked: Bool

    public init(
        origin: String, headSeq: Int64, headLive: Int, held: Int, heldMaxSeq: Int64, complete: Bool,
        headExpires: String, viaPeer: String?, forked: Bool = false
    ) {
        self.origin = origin
        self.headSeq = headSeq
        self.headLive = headLive
        self.held = held
        self.heldMaxSeq = heldMaxSeq
        self.complete = complete
        self.headExpires = headExpires
        self.viaPeer = viaPeer
        self.forked = forked
    }

    /// How many more entries the head counts than the node holds.
    public var missing: Int { max(0, headLive - held) }

    /// Whether the node holds as many entries as the head counts, or more, and still not the ones
    /// it lists: something was replaced or withdrawn that this node never received, or the origin forked.
    public var differs: Bool { !complete && held >= headLive }
}
