import CatalogCore
import Foundation
import GRDB

extension CatalogStore {
    /// Applies one page from `peer` and moves its cursor, in a single transaction: a crash or a cut
    /// connection loses nothing and duplicates nothing, and applying the same page twice is harmless.
    ///
    /// Each verified envelope is stored only if it is newer than what the node holds; a different
    /// envelope for an `(origin, seq)` already seen is refused as equivocation. An older one is
    /// counted as lag when `relayHeads` shows the peer's own copy of its origin is older than the
    /// node's, and refused as a rollback otherwise (always, when `relayHeads` is nil). `refusals` found before (bad signatures, untrusted origins, malformed
    /// lines) are logged in the same transaction.
    ///
    /// - Parameters:
    ///   - from: the cursor the page was asked from, as stored; if another sync of the same peer moved
    ///     it meanwhile, nothing is applied and `CatalogError.conflict` is thrown.
    ///   - trustDigest: the trust the page was verified under, stored with the cursor.
    ///   - fromStart: the page was asked for from the feed's start: what was refused for want of
    ///     trust before no longer matters (this pull sees it again).
    ///   - refusedForTrust: the page had envelopes refused for want of trust, logged or not (the
    ///     log is capped; this is not).
    ///   - entryLimit: the most entries of one origin the node keeps; new ids beyond it are refused.
    ///   - relayHeads: the peer's heads known so far; when an older envelope's origin is not among
    ///     them (and they are not complete), nothing is applied and `RelayHeadsNeeded` is thrown.
    public func applyReceived(
        _ items: [ReceivedItem], refusals: [Refusal], peer: String, from: Int64? = nil, cursor: Int64,
        trustDigest: String? = nil, fromStart: Bool = false, refusedForTrust: Bool = false,
        entryLimit: Int = CatalogStore.maxEntriesPerOrigin, relayHeads: RelayHeads? = nil, at now: Date = Date()
    ) async throws -> ApplyOutcome {
        try await write { db in
            var outcome = ApplyOutcome()
            outcome.refusals = refusals
            let selfOrigin = try String.fetchOne(db, sql: "SELECT name FROM origin WHERE is_self = 1")
            let receivedAt = Timestamp.format(now)
            var receipt = try Self.lastReceipt(db)
            let terms = SearchTerms()
            var held = EntryCounts(limit: entryLimit)
            var lag = LagJudge(relayHeads: relayHeads)
            for item in items {
                switch item {
                case .entry(let signed):
                    if signed.origin == selfOrigin {
                        outcome.own += 1
                        continue
                    }
                    try Self.apply(
                        signed, peer: peer, receipt: &receipt, receivedAt: receivedAt, terms: terms, held: &held,
                        lag: &lag, outcome: &outcome, db)
                case .head(let signed):
                    if signed.head.origin == selfOrigin {
                        outcome.own += 1
                        continue
                    }
                    try Self.apply(
                        signed, peer: peer, receipt: &receipt, receivedAt: receivedAt, lag: &lag, outcome: &outcome, db)
                }
            }
            // Rolls the transaction back: the caller fetches the peer's heads and applies the page again.
            if !lag.unknown.isEmpty { throw RelayHeadsNeeded(origins: lag.unknown) }
            try terms.flush(db)
            for origin in held.touched {
                // The seqs remembered against equivocation: the newest `maxSeqRecords` of an origin.
                try db.execute(
                    sql: """
                        DELETE FROM seq_record WHERE origin = ?1 AND seq < (
                            SELECT seq FROM seq_record WHERE origin = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2)
                        """,
                    arguments: [origin, Self.maxSeqRecords])
            }
            try Self.log(outcome.refusals, at: receivedAt, db)
            try db.execute(
                sql: "INSERT OR IGNORE INTO peer_state (peer, refused_for_trust) VALUES (?, 0)", arguments: [peer])
            let refusedForTrust = refusedForTrust || outcome.refusals.contains { $0.reason.isForWantOfTrust }
            try db.execute(
                sql: """
                    UPDATE peer_state SET refused_for_trust = (CASE WHEN ? THEN 0 ELSE refused_for_trust END) OR ?
                    WHERE peer = ?
                    """,
                arguments: [fromStart, refusedForTrust, peer])
            if let from {
                try db.execute(
                    sql: "UPDATE peer_state SET cursor = ?, trust_digest = ? WHERE peer = ? AND cursor = ?",
                    arguments: [cursor, trustDigest, peer, from])
                guard db.changesCount == 1 else {
                    throw CatalogError(.conflict, "another sync of peer \(peer) ran at the same time; run sync again")
                }
            } else {
                try db.execute(
                    sql: "UPDATE peer_state SET cursor = ?, trust_digest = coalesce(?, trust_digest) WHERE peer = ?",
                    arguments: [cursor, trustDigest, peer])
            }
            return outcome
        }
    }

    /// The most refusal rows kept per peer; older ones are pruned (their counts stay in
    /// `refusal_count`).
    public static let maxRefusalsPerPeer = 1_000

    /// Counts every refusal and keeps the newest `maxRefusalsPerPeer` rows of each peer.
    static func log(_ refusals: [Refusal], at time: String, _ db: Database) throws {
        guard !refusals.isEmpty else { return }
        var counts: [[String]: Int] = [:]
        for refusal in refusals {
            let origin = refusal.reason.implicatesOrigin ? refusal.origin ?? "" : ""
            counts[[refusal.peer ?? "", origin, refusal.reason.rawValue], default: 0] += 1
        }
        for (key, count) in counts {
            try db.execute(
                sql: """
                    INSERT INTO refusal_count (peer, origin, reason, count) VALUES (?, ?, ?, ?)
                    ON CONFLICT (peer, origin, reason) DO UPDATE SET count = count + excluded.count
                    """,
                arguments: [key[0], key[1], key[2], count])
        }
        var peers: Set<String?> = []
        for refusal in refusals.suffix(maxRefusalsPerPeer) {
            peers.insert(refusal.peer)
            try db.cachedStatement(
                sql: """
                    INSERT INTO refusal (at, peer, origin, entry_id, seq, reason, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                time, refusal.peer, refusal.origin, refusal.entryID, refusal.seq, refusal.reason.rawValue,
                refusal.detail,
            ])
        }
        for peer in peers {
            try db.execute(
                sql: """
                    DELETE FROM refusal WHERE peer IS ?1 AND id <= (
                        SELECT id FROM refusal WHERE peer IS ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)
                    """,
                arguments: [peer, maxRefusalsPerPeer])
        }
    }

    /// Logs refusals made outside a page (trust statements refused at the door).
    public func logRefusals(_ refusals: [Refusal], at now: Date = Date()) async throws {
        try await write { db in try Self.log(refusals, at: Timestamp.format(now), db) }
    }

    /// The most entries (tombstones included) a node keeps of one received origin: ten times what
    /// the largest cluster offers, and a bound on what a trusted origin can make a node store.
    public static let maxEntriesPerOrigin = 100_000

    /// The most seqs of one origin remembered to tell equivocation (four versions of every entry
    /// an origin may have here); older ones are forgotten, their versions long replaced.
    public static let maxSeqRecords = 4 * maxEntriesPerOrigin

    /// Tells lag from rollback for one page, collecting the origins whose peer head is not known.
    struct LagJudge {
        var relayHeads: RelayHeads?
        var unknown: Set<String> = []

        mutating func note(origin: String, seq: Int64) { relayHeads?.note(origin: origin, seq: seq) }

        /// `.rollback` when no heads are given; nil (and the origin noted) when its head is unknown.
        mutating func judge(origin: String, heldSeq: Int64) -> RelayHeads.Lag? {
            guard let relayHeads else { return .rollback }
            guard let lag = relayHeads.lag(origin: origin, heldSeq: heldSeq) else {
                unknown.insert(origin)
                return nil
            }
            return lag
        }
    }

    /// How many entries of each origin the node holds, counted once per page, and which origins
    /// the page wrote to.
    struct EntryCounts {
        let limit: Int
        private var counts: [String: Int] = [:]
        var touched: Set<String> = []

        init(limit: Int) { self.limit = limit }

        mutating func count(_ origin: String, _ db: Database) throws -> Int {
            if let known = counts[origin] { return known }
            let held =
                try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT count(*) FROM entry WHERE origin = ?"), arguments: [origin]) ?? 0
            counts[origin] = held
            return held
        }

        mutating func added(_ origin: String) { counts[origin, default: 0] += 1 }
    }

    private static func apply(
        _ signed: SignedEntry, peer: String, receipt: inout Int64, receivedAt: String, terms: SearchTerms,
        held: inout EntryCounts, lag: inout LagJudge, outcome: inout ApplyOutcome, _ db: Database
    ) throws {
        func refuse(_ reason: Refusal.Reason, _ detail: String) {
            outcome.refusals.append(
                Refusal(
                    peer: peer, origin: signed.origin, entryID: signed.id, seq: signed.seq, reason: reason,
                    detail: detail))
        }
        let seen = try String.fetchOne(
            db.cachedStatement(sql: "SELECT payload_hash FROM seq_record WHERE origin = ? AND seq = ?"),
            arguments: [signed.origin, signed.seq])
        if let seen, seen != signed.payloadHash {
            refuse(.equivocation, "a different envelope with this seq was accepted before")
            return
        }
        let stored = try StoredEntry.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM entry WHERE origin = ? AND id = ?"),
            arguments: [signed.origin, signed.id])
        if let stored {
            if stored.seq == signed.seq && stored.payloadHash == signed.payloadHash {
                outcome.unchanged += 1
                return
            }
            if stored.seq == signed.seq {
                refuse(.equivocation, "a different envelope with the seq of the stored version")
                return
            }
            if stored.seq > signed.seq {
                switch lag.judge(origin: signed.origin, heldSeq: stored.seq) {
                case .rollback:
                    refuse(.rollback, "older than the stored version (seq \(signed.seq) < \(stored.seq))")
                case .behind: outcome.behind[signed.origin, default: 0] += 1
                case nil: return
                }
                // A genuine old version still pins its seq: a different envelope for it later is equivocation.
                try db.execute(
                    sql: "INSERT OR IGNORE INTO seq_record (origin, seq, payload_hash) VALUES (?, ?, ?)",
                    arguments: [signed.origin, signed.seq, signed.payloadHash])
                return
            }
        } else if seen != nil {
            refuse(.rollback, "a version this node has already replaced")
            return
        } else {
            guard try held.count(signed.origin, db) < held.limit else {
                refuse(.overLimit, "the node holds \(held.limit) entries of \(signed.origin) already")
                return
            }
            held.added(signed.origin)
        }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO origin (name) VALUES (?)").execute(arguments: [signed.origin]
        )
        held.touched.insert(signed.origin)
        receipt += 1
        try upsert(
            signed, previous: stored, receipt: receipt, receivedAt: receivedAt, viaPeer: peer, terms: terms, db)
        try db.cachedStatement(sql: "UPDATE origin SET max_seq = max(max_seq, ?) WHERE name = ?")
            .execute(arguments: [signed.seq, signed.origin])
        if signed.isTombstone {
            outcome.withdrawn += 1
        } else if stored == nil || stored?.deleted == true {
            outcome.added += 1
        } else {
            outcome.updated += 1
        }
    }

    private static func apply(
        _ signed: SignedHead, peer: String, receipt: inout Int64, receivedAt: String, lag: inout LagJudge,
        outcome: inout ApplyOutcome, _ db: Database
    ) throws {
        let head = signed.head
        func refuse(_ reason: Refusal.Reason, _ detail: String) {
            outcome.refusals.append(
                Refusal(peer: peer, origin: head.origin, seq: head.seq, reason: reason, detail: detail))
        }
        if let stored = try StoredHead.fetchOne(db, key: head.origin) {
            if stored.envelope == signed.envelope.bytes {
                outcome.unchanged += 1
                return
            }
            if head.seq < stored.seq {
                // The head is the peer's own claim: an older one says it is behind, unless it served a newer one too.
                lag.note(origin: head.origin, seq: head.seq)
                switch lag.judge(origin: head.origin, heldSeq: stored.seq) {
                case .rollback: refuse(.rollback, "head older than the stored one (seq \(head.seq) < \(stored.seq))")
                case .behind: outcome.behind[head.origin, default: 0] += 1
                case nil: break
                }
                return
            }
            if head.seq == stored.seq {
                if head.digest != stored.digest || head.live != stored.live {
                    refuse(.equivocation, "two heads with seq \(head.seq) describe different catalogs")
                    return
                }
                guard let issued = Timestamp.parse(head.issued), let storedIssued = Timestamp.parse(stored.issued),
                    issued > storedIssued
                else {
                    outcome.unchanged += 1
                    return
                }
            }
        }
        try db.execute(sql: "INSERT OR IGNORE INTO origin (name) VALUES (?)", arguments: [head.origin])
        receipt += 1
        let previous = try Int64.fetchOne(db, sql: "SELECT seq FROM head WHERE origin = ?", arguments: [head.origin])
        if previous.map({ head.seq > $0 }) ?? true { outcome.newHeads.insert(head.origin) }
        try StoredHead(signed, receivedAt: receivedAt, receipt: receipt, viaPeer: peer).save(db)
        outcome.heads += 1
    }
}
