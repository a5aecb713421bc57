import CatalogCore
import Foundation
import GRDB

/// An entry the store holds but could not add to the search index; it stays stored, unsearchable.
public struct UnindexedEntry: Sendable, Equatable {
    public let origin: String
    public let id: String
    public let reason: String
}

/// What the store derives from the rows it holds with today's code: the search index, and the
/// escaped excerpt a refusal's detail is kept as.
///
/// Migrations are frozen SQL: code that changes later (an indexer, a text rule) would change what
/// an old migration does. A migration that needs derived data rebuilt leaves a marker in
/// `pending_rebuild`; once the schema is current, `rebuildPending` rebuilds what is marked, in one
/// transaction with the markers' removal, so an interrupted rebuild runs again at the next open.
enum DerivedData {
    static let searchIndex = "search-index"
    static let refusalDetails = "refusal-details"

    /// Rebuilds what migrations marked; returns the entries that could not be indexed.
    static func rebuildPending(_ writer: any DatabaseWriter) throws -> [UnindexedEntry] {
        // Most openings find nothing to do: they look in a read, and take the write lock only to rebuild.
        let marked = try writer.read { db in
            try db.tableExists("pending_rebuild")
                ? try String.fetchAll(db, sql: "SELECT what FROM pending_rebuild") : []
        }
        guard !marked.isEmpty else { return [] }
        return try writer.write { db in
            let pending = Set(try String.fetchAll(db, sql: "SELECT what FROM pending_rebuild"))
            var unindexed: [UnindexedEntry] = []
            if pending.contains(searchIndex) { unindexed = try rebuildSearchIndex(db) }
            if pending.contains(refusalDetails) { try escapeRefusalDetails(db) }
            try db.execute(sql: "DELETE FROM pending_rebuild")
            return unindexed
        }
    }

    /// Indexes every live entry anew with today's indexer.
    private static func rebuildSearchIndex(_ db: Database) throws -> [UnindexedEntry] {
        for table in ["search_doc", "search_tag", "search_session", "search_fts"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        let terms = SearchTerms()
        var unindexed: [UnindexedEntry] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT origin, id, envelope FROM entry WHERE deleted = 0")
        while let row = try rows.next() {
            let origin: String = row["origin"]
            let id: String = row["id"]
            do {
                let signed = try SignedEntry(bytes: row["envelope"])
                guard signed.entry != nil else {
                    throw CatalogError(.invalidEnvelope, "the envelope holds no entry")
                }
                try SearchIndex.index(signed, terms: terms, db)
            } catch {
                let reason = (error as? CatalogError)?.message ?? "\(error)"
                unindexed.append(UnindexedEntry(origin: origin, id: id, reason: SafeText.excerpt(reason, limit: 200)))
            }
        }
        try terms.flush(db)
        return unindexed
    }

    /// Details logged before were kept whole and raw: keep an escaped excerpt, as now.
    private static func escapeRefusalDetails(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, detail FROM refusal") {
            let detail: String = row["detail"]
            let excerpt = SafeText.excerpt(detail, limit: Refusal.maxDetail)
            if excerpt != detail {
                try db.execute(sql: "UPDATE refusal SET detail = ? WHERE id = ?", arguments: [excerpt, row["id"]])
            }
        }
    }
}
