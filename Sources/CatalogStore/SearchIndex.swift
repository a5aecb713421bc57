import CatalogCore
import Foundation
import GRDB

/// Keeps the search tables in step with the `entry` table: called for every stored envelope, in the
/// transaction that stores it.
enum SearchIndex {
    /// Re-indexes the entry `signed` was just stored for: removed when it is a tombstone.
    static func update(_ signed: SignedEntry, _ db: Database) throws {
        guard
            let rowid = try Int64.fetchOne(
                db, sql: "SELECT rowid FROM entry WHERE origin = ? AND id = ?", arguments: [signed.origin, signed.id])
        else { return }
        try remove(rowid: rowid, db)
        if !signed.isTombstone { try index(signed, rowid: rowid, db) }
    }

    static func remove(rowid: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM search_doc WHERE entry_rowid = ?", arguments: [rowid])
        try db.execute(sql: "DELETE FROM search_tag WHERE entry_rowid = ?", arguments: [rowid])
        try db.execute(sql: "DELETE FROM search_session WHERE entry_rowid = ?", arguments: [rowid])
        try db.execute(sql: "DELETE FROM search_fts WHERE rowid = ?", arguments: [rowid])
    }

    static func index(_ signed: SignedEntry, rowid: Int64, _ db: Database) throws {
        guard let entry = signed.entry else { return }
        let document = SearchDocument(entry)
        try db.execute(
            sql: """
                INSERT INTO search_doc (entry_rowid, origin, id, type, kind, free, local, valid_from, valid_until, last_end, title)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                rowid, signed.origin, signed.id, document.type.rawValue, document.kind, document.free,
                entry.isLocal, entry.validFrom?.text, document.validUntil, document.sessions.map(\.end).max(),
                entry.title.preferred() ?? entry.id,
            ])
        for tag in document.tags {
            try db.execute(
                sql: "INSERT OR IGNORE INTO search_tag (entry_rowid, facet, value) VALUES (?, ?, ?)",
                arguments: [rowid, tag.facet, tag.value])
        }
        for session in document.sessions {
            try db.execute(
                sql: """
                    INSERT INTO search_session (entry_rowid, start, "end", mode, city, region, month, cancelled)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    rowid, session.start, session.end, session.mode.rawValue, session.city, session.region,
                    session.month,
                    session.cancelled,
                ])
        }
        var arguments: StatementArguments = [rowid]
        for column in document.columns { _ = arguments.append(contentsOf: [column]) }
        try db.execute(
            sql:
                "INSERT INTO search_fts (rowid, title, summary, keywords, labels, organizer, location, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: arguments)
    }
}
