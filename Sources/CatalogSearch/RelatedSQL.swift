import CatalogCore
import CatalogStore
import Foundation
import GRDB

extension CatalogStore {
    /// Entries that match `filters` and share `words` (folded) in their titles or keywords: first
    /// those holding every word, then those holding any, best first; then, to fill `filters.limit`,
    /// the newest others that match `filters`.
    ///
    /// Cheaper than a search by design, as every entry page runs it: a word matches itself and the
    /// indexed words it is compounded of ("reinraumpraxis" also matches "reinraum" and "praxis"),
    /// not every indexed word that contains it, and only in titles and keywords.
    func relatedMatches(words: [String], filters: SearchQuery, now: Date) async throws -> [SearchMatch] {
        try await read { db in
            var query = filters
            query.text = ""
            let limit = filters.limit
            var matches: [SearchMatch] = []
            var found: Set<Int64> = []
            func add(_ sql: SearchSQL, extra: Int) throws {
                let statement = sql.pageStatement(sql.hasWords ? .titled : .all, offset: 0, limit: limit + extra)
                let page = try SearchSQL.matches(
                    Row.fetchAll(db, sql: statement.sql, arguments: StatementArguments(statement.arguments)), db)
                for match in page where matches.count < limit && found.insert(match.doc).inserted {
                    matches.append(match)
                }
            }
            let terms = try words.map { try RelatedWords.parts(of: $0, db) }
            if !terms.isEmpty {
                try add(SearchSQL(query: query, terms: terms, now: now, anyWord: false), extra: 0)
                // Those found already are among these: asked for once more each.
                if matches.count < limit, terms.count > 1 {
                    try add(SearchSQL(query: query, terms: terms, now: now, anyWord: true), extra: matches.count)
                }
            }
            if matches.count < limit {
                query.order = .newest
                try add(SearchSQL(query: query, terms: [], now: now, anyWord: false), extra: matches.count)
            }
            return matches
        }
    }
}

/// The words of a title worth matching in other entries: its folded words without the function
/// words of German and English ("der", "und", "for"), at most `maxWords`, each with the indexed
/// words it is compounded of.
enum RelatedWords {
    static let maxWords = 5
    /// The shortest compound part looked for: shorter beginnings and ends of words are rarely
    /// words of their own ("rein", "raum" would match too much).
    static let shortestPart = 5

    static let functionWords: Set<String> = [
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und", "oder",
        "fur", "mit", "von", "vom", "zu", "zum", "zur", "im", "in", "am", "an", "auf", "aus", "bei", "nach", "uber",
        "unter", "als", "wie", "ihr", "ihre", "sie", "wir", "fuer", "ueber", "the", "and", "or", "for", "of", "to",
        "on", "at", "by", "with", "from", "a", "an", "your", "our", "how", "what", "into",
    ]

    static func significant(_ title: String) -> [String] {
        var seen: Set<String> = []
        return SearchText.words(title).filter { word in
            word.count >= 2 && word.count <= 64 && !functionWords.contains(word) && seen.insert(word).inserted
        }.prefix(maxWords).map { $0 }
    }

    /// `word` and the indexed words that begin or end it: a German compound's parts. One lookup in
    /// the dictionary of indexed words per beginning and end, at most 2 × 64.
    static func parts(of word: String, _ db: Database) throws -> [String] {
        let characters = Array(word)
        guard characters.count > shortestPart else { return [word] }
        var candidates: [String] = []
        for length in shortestPart..<characters.count {
            candidates.append(String(characters[..<length]))
            candidates.append(String(characters[(characters.count - length)...]))
        }
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM search_term WHERE term = ?")
        var parts = [word]
        for candidate in candidates where !parts.contains(candidate) {
            if try Bool.fetchOne(statement, arguments: [candidate]) != nil { parts.append(candidate) }
        }
        return parts
    }
}
