import CatalogCore
import Foundation
import GRDB

extension CatalogStore {
    /// The newest version of every entry of `origin`, ordered by id.
    public func entries(origin: String, type: EntryType? = nil, includeWithdrawn: Bool = false) async throws
        -> [StoredEntry]
    {
        try await read { db in
            var request = StoredEntry.filter(StoredEntry.Columns.origin == origin)
            if let type { request = request.filter(StoredEntry.Columns.type == type.rawValue) }
            if !includeWithdrawn { request = request.filter(StoredEntry.Columns.deleted == false) }
            return try request.order(StoredEntry.Columns.id).fetchAll(db)
        }
    }

    public func entry(origin: String, id: String) async throws -> StoredEntry? {
        try await read { db in
            try StoredEntry.filter(StoredEntry.Columns.origin == origin && StoredEntry.Columns.id == id).fetchOne(db)
        }
    }

    /// Up to `limit` stored entries of every origin after `(origin, id)`, in that order: for walking
    /// the whole store without holding it in memory.
    public func entriesPage(after position: (origin: String, id: String)?, limit: Int) async throws -> [StoredEntry] {
        try await read { db in
            if let position {
                return try StoredEntry.fetchAll(
                    db,
                    sql: "SELECT * FROM entry WHERE (origin, id) > (?, ?) ORDER BY origin, id LIMIT ?",
                    arguments: [position.origin, position.id, limit])
            }
            return try StoredEntry.fetchAll(
                db, sql: "SELECT * FROM entry ORDER BY origin, id LIMIT ?", arguments: [limit])
        }
    }

    public func head(origin: String) async throws -> StoredHead? {
        try await read { db in try StoredHead.fetchOne(db, key: origin) }
    }

    /// The keys the node accepts for `origin`.
    public func keys(origin: String) async throws -> [OriginKey] {
        try await read { db in
            try OriginKey.filter(Column("origin") == origin).order(Column("added_at")).fetchAll(db)
        }
    }

    /// The digest lines of `origin`'s live federated entries, as its head should cover them.
    public func liveLines(origin: String) async throws -> [CatalogDigest.Line] {
        try await read { db in try Self.liveLines(origin: origin, db) }
    }

    /// Every origin the node holds, its own first.
    public func origins() async throws -> [OriginSummary] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.name, o.is_self, o.max_seq,
                           (SELECT count(*) FROM entry e WHERE e.origin = o.name AND e.deleted = 0) AS live,
                           (SELECT count(*) FROM entry e WHERE e.origin = o.name AND e.deleted = 1) AS withdrawn,
                           (SELECT count(*) FROM entry e
                            WHERE e.origin = o.name AND e.deleted = 0 AND e.visibility = 'federated') AS federated
                    FROM origin o ORDER BY o.is_self DESC, o.name
                    """
            ).map {
                OriginSummary(
                    name: $0["name"], isSelf: $0["is_self"], maxSeq: $0["max_seq"], live: $0["live"],
                    withdrawn: $0["withdrawn"], federated: $0["federated"])
            }
        }
    }
}

/// The envelopes of one origin signed under one key id, and their seqs.
public struct SignerGroup: Sendable, Hashable {
    public let origin: String
    /// The key id of the envelopes' first signature of their origin; nil if none.
    public let signer: String?
    public let minSeq: Int64
    public let maxSeq: Int64
    public let count: Int
}

extension CatalogStore {
    /// Every received origin's envelopes grouped by the key id they are signed under: whether a
    /// copy still verifies under the keys trusted for its seqs can be told from these, reading the
    /// envelopes themselves only for groups in doubt. Only `origin`'s groups, when given.
    public func signerGroups(origin: String? = nil) async throws -> [SignerGroup] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT origin, signer, min(seq), max(seq), count(*) FROM entry
                    WHERE origin NOT IN (SELECT name FROM origin WHERE is_self = 1) AND (? IS NULL OR origin = ?)
                    GROUP BY origin, signer
                    """,
                arguments: [origin, origin]
            ).map { SignerGroup(origin: $0[0], signer: $0[1], minSeq: $0[2], maxSeq: $0[3], count: $0[4]) }
        }
    }

    /// The envelopes of one signer group.
    public func entries(of group: SignerGroup) async throws -> [StoredEntry] {
        try await read { db in
            try StoredEntry.fetchAll(
                db, sql: "SELECT * FROM entry WHERE origin = ? AND signer IS ? ORDER BY seq",
                arguments: [group.origin, group.signer])
        }
    }
}
