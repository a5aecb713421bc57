import CatalogCore
import Foundation
import GRDB

/// Keeps the search tables in step with the `entry` table: called for every stored envelope, in the
/// transaction that stores it. A document is found by its entry's `(origin, id)`; `doc_id` is the
/// search tables' own key, so nothing depends on the `entry` table's rowids (which VACUUM may change).
/// Documents are numbered in the order they are indexed, which is the change feed's order (a
/// stored envelope is indexed in its transaction; a rebuild goes by receipt): newest-first
/// searches order by that number.
///
/// Every statement here runs once per stored envelope, so each is compiled once per connection
/// (`cachedStatement`), not once per use.
enum SearchIndex {
    /// Re-indexes the entry `signed` was just stored for: removed when it is a tombstone.
    static func update(_ signed: SignedEntry, indexedBefore: Bool, terms: SearchTerms, _ db: Database) throws {
        if indexedBefore,
            let doc = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT doc_id FROM search_doc WHERE origin = ? AND id = ?"),
                arguments: [signed.origin, signed.id])
        {
            try remove(doc: doc, db)
        }
        if !signed.isTombstone { try index(signed, terms: terms, db) }
        // A new version replaces one a rebuild could not index.
        try db.cachedStatement(sql: "DELETE FROM unindexed_entry WHERE origin = ? AND id = ?").execute(
            arguments: [signed.origin, signed.id])
    }

    static func remove(doc: Int64, _ db: Database) throws {
        for sql in [
            "DELETE FROM search_doc WHERE doc_id = ?", "DELETE FROM search_tag WHERE doc_id = ?",
            "DELETE FROM search_session WHERE doc_id = ?", "DELETE FROM search_fts WHERE rowid = ?",
        ] {
            try db.cachedStatement(sql: sql).execute(arguments: [doc])
        }
    }

    /// Adds `signed`'s entry; its words go to `terms`.
    static func index(_ signed: SignedEntry, terms: SearchTerms, _ db: Database) throws {
        guard let entry = signed.entry else { return }
        let document = SearchDocument(entry)
        // The last session that still takes place decides when a training is past; when every
        // session was cancelled, the last of those.
        let held = document.sessions.filter { !$0.cancelled }
        let lastEnd = (held.isEmpty ? document.sessions : held).map(\.end).max()
        try db.cachedStatement(
            sql: """
                INSERT INTO search_doc (
                    origin, id, type, kind, free, local, valid_from, valid_until, last_end, title, price_eur)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            signed.origin, signed.id, document.type.rawValue, document.kind, document.free, entry.isLocal,
            entry.validFrom?.text, document.validUntil, lastEnd, entry.title.preferred() ?? entry.id,
            document.priceInEuros,
        ])
        let doc = db.lastInsertedRowID
        let tag = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO search_tag (doc_id, facet, value) VALUES (?, ?, ?)")
        for value in document.tags { try tag.execute(arguments: [doc, value.facet, value.value]) }
        let session = try db.cachedStatement(
            sql: """
                INSERT INTO search_session (doc_id, start, "end", mode, city, region, month, cancelled, city_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for value in document.sessions {
            try session.execute(arguments: [
                doc, value.start, value.end, value.mode.rawValue, value.city, value.region, value.month,
                value.cancelled, value.city.map(SearchText.fold),
            ])
        }
        var arguments: StatementArguments = [doc]
        for column in document.columns { _ = arguments.append(contentsOf: [column]) }
        try db.cachedStatement(
            sql: """
                INSERT INTO search_fts (rowid, title, summary, keywords, labels, organizer, location, description)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: arguments)
        terms.add(document.columns, english: document.englishWords)
    }
}

/// The words of the documents indexed in one transaction, added to the search dictionary once at
/// its end. The dictionary (`search_term`, with a trigram index over it) is how a query word finds
/// the indexed words it is part of: "technik" finds "medizintechnik" and "technikum", which the
/// word index then looks up. Words stay when their documents go; a word no document has any more
/// matches nothing.
final class SearchTerms {
    /// Words as their UTF-8 bytes: folded text is split at ASCII spaces, and hashing bytes is far
    /// cheaper than hashing strings (which compares them as Unicode).
    private struct Word: Hashable {
        let bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private var words: Set<Word> = []
    private var englishWords: Set<String> = []
    /// Whether words the dictionary has already get their German stem too: for a rebuild, which
    /// empties `search_stem` first. Otherwise a word's German stem is stored when the word is new.
    private let stemAllWords: Bool

    init(stemAllWords: Bool = false) {
        self.stemAllWords = stemAllWords
    }

    func add(_ columns: [String], english: [String] = []) {
        englishWords.formUnion(english)
        for column in columns {
            var column = column
            column.withUTF8 { text in
                var start = 0
                for index in 0...text.count where index == text.count || text[index] == 0x20 {
                    if index > start { words.insert(Word(bytes: Array(text[start..<index]))) }
                    start = index + 1
                }
            }
        }
    }

    /// Adds the words the dictionary does not have yet with their German stems, and the English
    /// stems of words of English texts (`search_stem`: "schulungen" and "schulung" share "schulung",
    /// "companies" and "company" share "compani", which neither contains).
    func flush(_ db: Database) throws {
        guard !words.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO search_term (term) VALUES (?)")
        let index = try db.cachedStatement(sql: "INSERT INTO search_term_fts (rowid, term) VALUES (?, ?)")
        let newStem = try db.cachedStatement(sql: "INSERT OR IGNORE INTO search_stem (stem, term_id) VALUES (?, ?)")
        let stem = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO search_stem (stem, term_id) SELECT ?, id FROM search_term WHERE term = ?")
        for word in words {
            let term = String(decoding: word.bytes, as: UTF8.self)
            try insert.execute(arguments: [term])
            // Every word gets its German stem, its own word or not: "schulungen" must find
            // "schulung". Stemmed only when stored: a word the dictionary has keeps its stem.
            if db.changesCount == 1 {
                let id = db.lastInsertedRowID
                try index.execute(arguments: [id, term])
                try newStem.execute(arguments: [WordStems.stem(term, .german), id])
            } else if stemAllWords {
                try stem.execute(arguments: [WordStems.stem(term, .german), term])
            }
        }
        for word in englishWords {
            try stem.execute(arguments: [WordStems.stem(word, .english), word])
        }
        words.removeAll()
        englishWords.removeAll()
    }
}
