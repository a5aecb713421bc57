import CatalogCore
import Foundation
import GRDB

/// Keeps the search tables in step with the `entry` table: called for every stored envelope, in the
/// transaction that stores it. A document is found by its entry's `(origin, id)`; `doc_id` is the
/// search tables' own key, so nothing depends on the `entry` table's rowids (which VACUUM may change).
enum SearchIndex {
    /// Re-indexes the entry `signed` was just stored for: removed when it is a tombstone.
    static func update(_ signed: SignedEntry, _ db: Database) throws {
        if let doc = try Int64.fetchOne(
            db, sql: "SELECT doc_id FROM search_doc WHERE origin = ? AND id = ?", arguments: [signed.origin, signed.id])
        {
            try remove(doc: doc, db)
        }
        if !signed.isTombstone { try index(signed, db) }
    }

    static func remove(doc: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM search_doc WHERE doc_id = ?", arguments: [doc])
        try db.execute(sql: "DELETE FROM search_tag WHERE doc_id = ?", arguments: [doc])
        try db.execute(sql: "DELETE FROM search_session WHERE doc_id = ?", arguments: [doc])
        try db.execute(sql: "DELETE FROM search_fts WHERE rowid = ?", arguments: [doc])
    }

    static func index(_ signed: SignedEntry, _ db: Database) throws {
        guard let entry = signed.entry else { return }
        let document = SearchDocument(entry)
        // The last session that still takes place decides when a training is past; when every
        // session was cancelled, the last of those.
        let held = document.sessions.filter { !$0.cancelled }
        let lastEnd = (held.isEmpty ? document.sessions : held).map(\.end).max()
        try db.execute(
            sql: """
                INSERT INTO search_doc (origin, id, type, kind, free, local, valid_from, valid_until, last_end, title)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                signed.origin, signed.id, document.type.rawValue, document.kind, document.free, entry.isLocal,
                entry.validFrom?.text, document.validUntil, lastEnd, entry.title.preferred() ?? entry.id,
            ])
        let doc = db.lastInsertedRowID
        for tag in document.tags {
            try db.execute(
                sql: "INSERT OR IGNORE INTO search_tag (doc_id, facet, value) VALUES (?, ?, ?)",
                arguments: [doc, tag.facet, tag.value])
        }
        for session in document.sessions {
            try db.execute(
                sql: """
                    INSERT INTO search_session (doc_id, start, "end", mode, city, region, month, cancelled)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    doc, session.start, session.end, session.mode.rawValue, session.city, session.region, session.month,
                    session.cancelled,
                ])
        }
        var arguments: StatementArguments = [doc]
        for column in document.columns { _ = arguments.append(contentsOf: [column]) }
        try db.execute(
            sql: """
                INSERT INTO search_fts (rowid, title, summary, keywords, labels, organizer, location, description)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: arguments)
    }
}
