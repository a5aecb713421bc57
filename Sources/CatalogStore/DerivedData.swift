import CatalogCore
import Foundation
import GRDB

/// An entry the store holds but could not add to the search index; it stays stored, unsearchable,
/// until a new version of it is stored.
public struct UnindexedEntry: Sendable, Equatable, FetchableRecord, Decodable {
    public let origin: String
    public let id: String
    public let reason: String
}

extension CatalogStore {
    /// The entries a rebuild of the search index could not index.
    public func unindexedEntries() async throws -> [UnindexedEntry] {
        try await read { db in
            try UnindexedEntry.fetchAll(db, sql: "SELECT origin, id, reason FROM unindexed_entry ORDER BY origin, id")
        }
    }
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

    /// Rebuilds what migrations marked, in one transaction with the markers' removal: a database
    /// error rolls it all back, and it runs again at the next opening.
    static func rebuildPending(_ writer: any DatabaseWriter) throws {
        // Most openings find nothing to do: they look in a read, and take the write lock only to rebuild.
        let marked = try writer.read { db in
            try db.tableExists("pending_rebuild")
                ? try String.fetchAll(db, sql: "SELECT what FROM pending_rebuild") : []
        }
        guard !marked.isEmpty else { return }
        try writer.write { db in
            let pending = Set(try String.fetchAll(db, sql: "SELECT what FROM pending_rebuild"))
            if pending.contains(searchIndex) { try rebuildSearchIndex(db) }
            if pending.contains(refusalDetails) { try escapeRefusalDetails(db) }
            try db.execute(sql: "DELETE FROM pending_rebuild")
        }
    }

    /// Indexes every live entry anew with today's indexer. An entry whose envelope no longer
    /// parses is kept and listed in `unindexed_entry`; a database error stops the rebuild.
    private static func rebuildSearchIndex(_ db: Database) throws {
        for table in ["search_doc", "search_tag", "search_session", "search_fts", "search_stem", "unindexed_entry"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        let terms = SearchTerms(stemAllWords: true)
        // In change-feed order: documents are numbered as they are indexed, and the newest-first
        // order of searches is that numbering (`SearchIndex`).
        let rows = try Row.fetchCursor(
            db, sql: "SELECT origin, id, envelope FROM entry WHERE deleted = 0 ORDER BY receipt")
        let unindexed = try db.makeStatement(
            sql: "INSERT OR REPLACE INTO unindexed_entry (origin, id, reason) VALUES (?, ?, ?)")
        while let row = try rows.next() {
            let signed: SignedEntry
            do {
                signed = try SignedEntry(bytes: row["envelope"])
                guard signed.entry != nil else { throw CatalogError(.invalidEnvelope, "the envelope holds no entry") }
            } catch {
                let reason = (error as? CatalogError)?.message ?? "\(error)"
                try unindexed.execute(arguments: [row["origin"], row["id"], SafeText.excerpt(reason, limit: 200)])
                continue
            }
            try SearchIndex.index(signed, terms: terms, db)
        }
        try terms.flush(db)
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
