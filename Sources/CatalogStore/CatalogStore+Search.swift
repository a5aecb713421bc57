import CatalogCore
import Foundation
import GRDB

extension CatalogStore {
    /// Searches every entry the node holds, its own and received ones. When no entry has all the
    /// words of the text, entries with any of them are returned (and the result says so).
    public func search(_ query: SearchQuery, now: Date = Date()) async throws -> SearchResult {
        try await read { db in
            let all = try SearchSQL(query: query, now: now, anyWord: false)
            var result = try all.run(db)
            if result.total == 0 && query.words.count > 1 {
                let any = try SearchSQL(query: query, now: now, anyWord: true)
                let fallback = try any.run(db)
                if fallback.total > 0 { result = fallback }
            }
            return result
        }
    }
}

/// The SQL of one search: the user's words become quoted FTS5 strings (never query syntax), filters
/// become bound arguments.
struct SearchSQL {
    let query: SearchQuery
    let now: String
    /// The Berlin calendar day of `now`: validity dates are Berlin days.
    let today: String
    let anyWord: Bool
    private var conditions: [String] = []
    private var arguments: StatementArguments = []
    private let matchExpression: String?

    init(query: SearchQuery, now: Date, anyWord: Bool) throws {
        self.query = query
        self.now = Timestamp.format(now)
        self.today = CivilCalendar.berlinDay(of: now)
        self.anyWord = anyWord
        let words = query.words
        // Trigram matching needs three characters; shorter words must appear as whole words.
        let long = words.filter { $0.count >= 3 }
        let short = words.filter { $0.count < 3 }
        matchExpression =
            long.isEmpty
            ? nil
            : long.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }
                .joined(separator: anyWord ? " OR " : " AND ")
        if !short.isEmpty && !(anyWord && !long.isEmpty) {
            let text =
                "(' ' || f.title || ' ' || f.summary || ' ' || f.keywords || ' ' || f.labels || ' ' || f.organizer || ' ' || f.location || ' ' || f.description || ' ')"
            let parts = short.map { _ in "instr(\(text), ?) > 0" }
            conditions.append("(" + parts.joined(separator: anyWord ? " OR " : " AND ") + ")")
            for word in short { _ = arguments.append(contentsOf: [" \(word) "]) }
        }
        addFilters()
    }

    private mutating func addFilters() {
        func add(_ condition: String, _ values: [(any DatabaseValueConvertible)?]) {
            conditions.append(condition)
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        func tag(_ facet: String, _ value: String?) {
            guard let value else { return }
            add(
                "EXISTS (SELECT 1 FROM search_tag t WHERE t.doc_id = d.doc_id AND t.facet = ? AND t.value = ?)",
                [facet, value])
        }
        if let type = query.type { add("d.type = ?", [type.rawValue]) }
        if let kind = query.kind { add("d.kind = ?", [kind]) }
        if let origin = query.origin { add("d.origin = ?", [origin]) }
        if query.freeOnly { add("d.free = 1", []) }
        if !query.includeLocal { add("d.local = 0", []) }
        tag("topic", query.topic)
        tag("region", query.region)
        tag("language", query.language)
        tag("audience", query.audience)
        tag("mode", query.mode?.rawValue)
        if query.from != nil || query.to != nil {
            let from =
                query.from.flatMap { CatalogDateTime("\($0.text)T00:00") }.map { Timestamp.format($0.instant) }
                ?? "0000"
            // Up to midnight at the end of the last day, Berlin time (23 or 25 hours on switch days).
            let to =
                query.to.flatMap { CatalogDateTime("\($0.next.text)T00:00") }.map { Timestamp.format($0.instant) }
                ?? "9999"
            add(
                """
                (EXISTS (SELECT 1 FROM search_session s WHERE s.doc_id = d.doc_id AND s.cancelled = 0
                         AND s."end" > ? AND s.start < ?)
                 OR (d.type = 'offering' AND (d.valid_from IS NOT NULL OR d.valid_until IS NOT NULL)
                     AND coalesce(d.valid_from, '0000') <= ? AND coalesce(d.valid_until, '9999') >= ?))
                """,
                [from, to, query.to?.text ?? "9999", query.from?.text ?? "0000"])
        }
        if !query.includePast {
            add("(d.last_end IS NULL OR d.last_end > ?)", [now])
            add("(d.valid_until IS NULL OR d.valid_until >= ?)", [today])
        }
    }

    private var fromClause: String {
        matchExpression == nil && conditions.allSatisfy({ !$0.contains("f.") })
            ? "search_doc d"
            : "search_fts f JOIN search_doc d ON d.doc_id = f.rowid"
    }

    private var whereClause: (String, StatementArguments) {
        var parts: [String] = []
        var values: StatementArguments = []
        if let matchExpression {
            parts.append("search_fts MATCH ?")
            _ = values.append(contentsOf: [matchExpression])
        }
        parts += conditions
        _ = values.append(contentsOf: arguments)
        return (parts.isEmpty ? "1" : parts.joined(separator: " AND "), values)
    }

    func run(_ db: Database) throws -> SearchResult {
        let (whereSQL, whereArguments) = whereClause
        let total =
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(fromClause) WHERE \(whereSQL)", arguments: whereArguments)
            ?? 0
        let weights = SearchDocument.columnWeights.map { String($0) }.joined(separator: ", ")
        let score = matchExpression == nil ? "0.0" : "bm25(search_fts, \(weights))"
        let next =
            "(SELECT min(s.start) FROM search_session s WHERE s.doc_id = d.doc_id AND s.cancelled = 0 AND s.\"end\" > ?)"
        let nextCity = """
            (SELECT s.city FROM search_session s WHERE s.doc_id = d.doc_id AND s.cancelled = 0 AND s."end" > ?
             ORDER BY s.start LIMIT 1)
            """
        var pageArguments: StatementArguments = [now, now]
        _ = pageArguments.append(contentsOf: whereArguments)
        _ = pageArguments.append(contentsOf: [query.limit, query.offset])
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT d.doc_id, \(score) AS score, \(next) AS next_start, \(nextCity) AS next_city
                FROM \(fromClause) WHERE \(whereSQL)
                ORDER BY score, next_start IS NULL, next_start, d.title
                LIMIT ? OFFSET ?
                """,
            arguments: pageArguments)
        var matches: [SearchMatch] = []
        for row in rows {
            guard
                let entry = try StoredEntry.fetchOne(
                    db,
                    sql:
                        "SELECT e.* FROM entry e JOIN search_doc d ON d.origin = e.origin AND d.id = e.id WHERE d.doc_id = ?",
                    arguments: [row["doc_id"] as Int64])
            else { continue }
            matches.append(
                SearchMatch(entry: entry, score: row["score"], nextStart: row["next_start"], nextCity: row["next_city"])
            )
        }
        let facets = query.facets ? try self.facets(db, whereSQL: whereSQL, arguments: whereArguments) : nil
        return SearchResult(total: total, matches: matches, facets: facets, matchedAllWords: !anyWord)
    }

    private func facets(_ db: Database, whereSQL: String, arguments: StatementArguments) throws -> [String:
        [FacetCount]]
    {
        let matched = "SELECT d.doc_id FROM \(fromClause) WHERE \(whereSQL)"
        var facets: [String: [FacetCount]] = [:]
        func counts(_ sql: String, _ extra: StatementArguments = []) throws -> [FacetCount] {
            var all = arguments
            _ = all.append(contentsOf: extra)
            return try Row.fetchAll(db, sql: sql, arguments: all).map { FacetCount(value: $0[0], count: $0[1]) }
        }
        facets["kind"] = try counts(
            "SELECT coalesce(d.kind, d.type), count(*) FROM search_doc d WHERE d.doc_id IN (\(matched)) GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        facets["origin"] = try counts(
            "SELECT d.origin, count(*) FROM search_doc d WHERE d.doc_id IN (\(matched)) GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        for facet in ["topic", "region", "mode"] {
            facets[facet] = try counts(
                """
                SELECT t.value, count(*) FROM search_tag t
                WHERE t.facet = '\(facet)' AND t.doc_id IN (\(matched)) GROUP BY 1 ORDER BY 2 DESC, 1
                """)
        }
        facets["month"] = try counts(
            """
            SELECT s.month, count(DISTINCT s.doc_id) FROM search_session s
            WHERE s.doc_id IN (\(matched)) AND s.cancelled = 0 AND s."end" > ? GROUP BY 1 ORDER BY 1
            """,
            [query.includePast ? "0000" : now])
        return facets
    }
}
