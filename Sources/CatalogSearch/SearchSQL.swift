import CatalogCore
import CatalogStore
import Foundation
import GRDB

extension CatalogStore {
    /// Searches every entry the node holds, its own and received ones. When no entry has all the
    /// words of the text, entries with any of them are returned (and the result says so), unless
    /// the query says `allWordsOnly`.
    public func search(_ query: SearchQuery, now: Date = Date()) async throws -> SearchResult {
        try await read { db in try Self.search(query, now: now, db) }
    }

    /// Up to `count` matches of `query` from its offset on, page after page in one read, so that
    /// what is stored meanwhile cannot list an entry twice or skip one.
    public func searchMatches(_ query: SearchQuery, count: Int, now: Date = Date()) async throws -> [SearchMatch] {
        try await read { db in
            var query = query
            query.facets = false
            query.limit = SearchQuery.maxLimit
            var matches: [SearchMatch] = []
            while matches.count < count {
                let result = try Self.search(query, now: now, db)
                matches += result.matches.prefix(count - matches.count)
                query.offset += result.matches.count
                if result.matches.isEmpty || query.offset >= result.total { break }
            }
            return matches
        }
    }

    /// The SQL statements `search` runs for `query`, with their arguments written in as literals:
    /// what a benchmark times in the `sqlite3` shell beside the node's own process.
    public func searchStatements(_ query: SearchQuery, now: Date = Date()) async throws -> [String] {
        try await read { db in
            var statements: [String] = []
            _ = try Self.search(query, now: now, db) { statements.append(SearchSQL.literal($0)) }
            return statements
        }
    }

    private static func search(
        _ query: SearchQuery, now: Date, _ db: Database, record: (SearchSQL.Statement) -> Void = { _ in }
    ) throws -> SearchResult {
        let terms = try SearchSQL.expansions(of: query.words, db, record: record)
        var result = try SearchSQL(query: query, terms: terms, now: now, anyWord: false).run(db, record: record)
        if result.total == 0 && query.words.count > 1 && !query.allWordsOnly {
            let fallback = try SearchSQL(query: query, terms: terms, now: now, anyWord: true).run(db, record: record)
            if fallback.total > 0 { result = fallback }
        }
        return result
    }
}

/// The SQL of one search: the user's words become quoted FTS5 strings (never query syntax), filters
/// become bound arguments.
///
/// The full-text index holds words. A query word of three characters or more matches every indexed
/// word that contains it ("technik" matches "medizintechnik"), found in the dictionary of indexed
/// words; a shorter one ("KI") matches itself only.
struct SearchSQL {
    let query: SearchQuery
    let now: String
    /// The Berlin calendar day of `now`: validity dates are Berlin days.
    let today: String
    let anyWord: Bool
    private var conditions: [String] = []
    private var arguments: [DatabaseValue] = []
    private let matchExpression: String?
    /// What a session must be for the session filters (mode, city, region, dates), on alias `s`:
    /// they hold for one and the same session, and that session is the result's next. Nil when
    /// no session filter is set.
    private var sessionMatch: (sql: String, arguments: [DatabaseValue])?
    /// Whether the statements match words (else only filters).
    var hasWords: Bool { matchExpression != nil }

    /// Query words this long or longer match inside indexed words.
    static let shortestSubstring = 3
    /// The most indexed words one query word stands for; the shortest are kept, as they are the
    /// closest to what was typed.
    static let maxExpansion = 200

    static func expansionStatement(of word: String) -> Statement {
        (
            """
            SELECT t.term FROM search_term_fts f JOIN search_term t ON t.id = f.rowid
            WHERE search_term_fts MATCH ? ORDER BY length(t.term), t.term LIMIT \(maxExpansion)
            """,
            [quoted(word).databaseValue]
        )
    }

    /// The stem lookup: indexed words with this German stem, or words of English texts with
    /// this English stem.
    static func stemStatement(of stem: String) -> Statement {
        (
            """
            SELECT t.term FROM search_stem s JOIN search_term t ON t.id = s.term_id
            WHERE s.stem = ? ORDER BY length(t.term), t.term LIMIT \(maxExpansion)
            """,
            [stem.databaseValue]
        )
    }

    /// The indexed words each query word stands for: those containing it ("technik" finds
    /// "medizintechnik"), and those sharing its German or English Snowball stem ("schulungen" finds
    /// "schulung", "supplies" finds "supply"). Stems are matched whole, never inside other words:
    /// "messe" (stem "mess") must not find "messtechnik". The shortest are kept, at most
    /// `maxExpansion`.
    static func expansions(of words: [String], _ db: Database, record: (Statement) -> Void) throws -> [[String]] {
        try words.map { word in
            guard word.count >= shortestSubstring else { return [word] }
            let stems = [WordStems.stem(word, .german), WordStems.stem(word, .english)].filter { $0 != word }.uniqued()
            let statements = [expansionStatement(of: word)] + stems.map(stemStatement(of:))
            var terms: [String] = []
            for statement in statements {
                record(statement)
                terms += try String.fetchAll(
                    db.cachedStatement(sql: statement.sql), arguments: StatementArguments(statement.arguments))
            }
            guard statements.count > 1 else { return terms }
            return Array(
                terms.uniqued().sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }.prefix(maxExpansion))
        }
    }

    /// A word as an FTS5 string: never read as query syntax.
    static func quoted(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// - Parameter terms: the indexed words each of the query's words stands for, in order.
    init(query: SearchQuery, terms: [[String]], now: Date, anyWord: Bool) {
        self.query = query
        self.now = Timestamp.format(now)
        self.today = CivilCalendar.berlinDay(of: now)
        self.anyWord = anyWord
        let groups = terms.filter { !$0.isEmpty }.map { "(" + $0.map(Self.quoted).joined(separator: " OR ") + ")" }
        if terms.isEmpty {
            matchExpression = nil
        } else if groups.isEmpty || (!anyWord && groups.count < terms.count) {
            // A word that no indexed word contains: nothing can match.
            matchExpression = nil
            conditions.append("0")
        } else {
            matchExpression = groups.joined(separator: anyWord ? " OR " : " AND ")
        }
        addFilters()
    }

    private mutating func addFilters() {
        func add(_ condition: String, _ values: [(any DatabaseValueConvertible)?]) {
            conditions.append(condition)
            arguments += values.map { $0?.databaseValue ?? .null }
        }
        func tag(_ facet: String, _ value: String?) {
            guard let value else { return }
            // With words, each match is checked (one index lookup); without, the tag's entries are
            // where the search starts.
            add(
                matchExpression != nil
                    ? "EXISTS (SELECT 1 FROM search_tag t WHERE t.facet = ? AND t.value = ? AND t.doc_id = d.doc_id)"
                    : "d.doc_id IN (SELECT t.doc_id FROM search_tag t WHERE t.facet = ? AND t.value = ?)",
                [facet, value])
        }
        if let type = query.type { add("d.type = ?", [type.rawValue]) }
        if let kind = query.kind { add("d.kind = ?", [kind]) }
        if let origin = query.origin { add("d.origin = ?", [origin]) }
        if let other = query.excludingOrigin { add("d.origin != ?", [other]) }
        if query.storedAfter != nil || query.storedThrough != nil {
            add(
                "EXISTS (SELECT 1 FROM entry e WHERE e.origin = d.origin AND e.id = d.id AND e.receipt > ? AND e.receipt <= ?)",
                [query.storedAfter ?? Int64.min, query.storedThrough ?? Int64.max])
        }
        if query.freeOnly { add("d.free = 1", []) }
        if let maxPrice = query.maxPrice { add("(d.free = 1 OR d.price_eur <= ?)", [maxPrice]) }
        if !query.includeLocal { add("d.local = 0", []) }
        tag("topic", query.topic)
        // Necessary for a match, and cheap to check first: the tags hold the entry's regions and
        // its sessions' regions and modes.
        tag("region", query.region)
        tag("language", query.language)
        tag("audience", query.audience)
        tag("mode", query.mode?.rawValue)
        if let filters = sessionFilters() {
            add(filters.condition, filters.values)
            sessionMatch = filters.match
        }
        if !query.includePast {
            add("(d.last_end IS NULL OR d.last_end > ?)", [now])
            add("(d.valid_until IS NULL OR d.valid_until >= ?)", [today])
        }
    }

    /// The session filters: an entry with sessions needs one session that meets them all; one
    /// without (an offering, a training on demand) is judged by its own fields: its regions, and
    /// for dates an offering's validity. A mode or a city needs a session.
    private func sessionFilters() -> (
        condition: String, values: [(any DatabaseValueConvertible)?], match: (sql: String, arguments: [DatabaseValue])
    )? {
        let city = query.city.map(SearchText.fold)
        guard query.mode != nil || city != nil || query.region != nil || query.from != nil || query.to != nil else {
            return nil
        }
        var parts: [String] = ["s.cancelled = 0"]
        var values: [(any DatabaseValueConvertible)?] = []
        // What an entry without sessions must be instead; a mode or a city needs a session.
        var own: [String] = []
        var ownValues: [(any DatabaseValueConvertible)?] = []
        var needsSession = false
        if !query.includePast {
            parts.append("s.\"end\" > ?")
            values.append(now)
        }
        if let mode = query.mode {
            parts.append("s.mode = ?")
            values.append(mode.rawValue)
            needsSession = true
        }
        if let city {
            parts.append("s.city_key = ?")
            values.append(city)
            needsSession = true
        }
        if let region = query.region {
            // A session's own region, or the entry's when the session has none (online).
            parts.append(
                "(s.region = ? OR (s.region IS NULL AND EXISTS (SELECT 1 FROM search_tag r"
                    + " WHERE r.doc_id = s.doc_id AND r.facet = 'entry-region' AND r.value = ?)))")
            values += [region, region]
        }
        if query.from != nil || query.to != nil {
            let from =
                query.from.flatMap { CatalogDateTime("\($0.text)T00:00") }.map { Timestamp.format($0.instant) }
                ?? "0000"
            // Up to midnight at the end of the last day, Berlin time (23 or 25 hours on switch days).
            let to =
                query.to.flatMap { CatalogDateTime("\($0.next.text)T00:00") }.map { Timestamp.format($0.instant) }
                ?? "9999"
            parts.append("s.\"end\" > ? AND s.start < ?")
            values += [from, to]
            own.append(
                "(d.type = 'offering' AND (d.valid_from IS NOT NULL OR d.valid_until IS NOT NULL)"
                    + " AND coalesce(d.valid_from, '0000') <= ? AND coalesce(d.valid_until, '9999') >= ?)")
            ownValues += [query.to?.text ?? "9999", query.from?.text ?? "0000"]
        }
        let predicate = parts.joined(separator: " AND ")
        let withSession = "EXISTS (SELECT 1 FROM search_session s WHERE s.doc_id = d.doc_id AND \(predicate))"
        let match = (predicate, values.map { $0?.databaseValue ?? .null })
        // Entries without sessions are out, and need no second look.
        if needsSession { return (withSession, values, match) }
        return (
            "(\(withSession) OR ((\(own.isEmpty ? "1" : own.joined(separator: " AND ")))"
                + " AND NOT EXISTS (SELECT 1 FROM search_session s WHERE s.doc_id = d.doc_id)))",
            values + ownValues, match
        )
    }

    private var fromClause: String {
        matchExpression == nil && conditions.allSatisfy({ !$0.contains("f.") })
            ? "search_doc d"
            : "search_fts f JOIN search_doc d ON d.doc_id = f.rowid"
    }

    typealias Statement = (sql: String, arguments: [DatabaseValue])

    /// Which matches a statement covers. Matches whose title or keywords hold the query (every
    /// word of it, or any in the any-word fallback) rank before the others: bm25 would mostly put
    /// them first anyway, and a broad word ("technik") then needs only those ranked to fill the
    /// first pages, not tens of thousands.
    enum Stage {
        case all, titled, untitled
    }

    private func whereClause(_ stage: Stage) -> (String, [DatabaseValue]) {
        var parts: [String] = []
        var values: [DatabaseValue] = []
        if let matchExpression {
            let titled = "{title keywords} : (\(matchExpression))"
            let expression =
                switch stage {
                case .all: matchExpression
                case .titled: titled
                case .untitled: "(\(matchExpression)) NOT \(titled)"
                }
            parts.append("search_fts MATCH ?")
            values.append(expression.databaseValue)
        }
        parts += conditions
        values += arguments
        return (parts.isEmpty ? "1" : parts.joined(separator: " AND "), values)
    }

    /// How many entries match.
    func countStatement(_ stage: Stage = .all) -> Statement {
        let (whereSQL, whereArguments) = whereClause(stage)
        return ("SELECT count(*) FROM \(fromClause) WHERE \(whereSQL)", whereArguments)
    }

    /// A page of the matches of `stage`, best first, ties (and searches without words) by the next
    /// session, with the stage's number of matches in column `total`.
    ///
    /// The matches are scored once (materialized); only those that score at least as well as the
    /// page's last one have their sessions looked up, which would cost more than the ranking.
    func pageStatement(_ stage: Stage, offset: Int, limit: Int) -> Statement {
        let (whereSQL, whereArguments) = whereClause(stage)
        let weights = SearchDocument.columnWeights.map { String($0) }.joined(separator: ", ")
        // Newest first: the entry's place in this node's change feed, which is the order its
        // documents were indexed in (`SearchIndex`), negated, as the score. Every score differs, so
        // only the page's matches have their sessions looked up.
        let score =
            query.order == .newest
            ? "-d.doc_id"
            : matchExpression == nil ? "0.0" : "bm25(search_fts, \(weights))"
        // The next session: the first one the session filters match, else the first still to come.
        let session = sessionMatch ?? ("s.cancelled = 0 AND s.\"end\" > ?", [now.databaseValue])
        let next = "(SELECT min(s.start) FROM search_session s WHERE s.doc_id = m.doc_id AND \(session.sql))"
        let nextCity = """
            (SELECT s.city FROM search_session s WHERE s.doc_id = page.doc_id AND \(session.sql)
             ORDER BY s.start LIMIT 1)
            """
        return (
            """
            WITH matched AS MATERIALIZED (
                SELECT d.doc_id, d.title, \(score) AS score FROM \(fromClause) WHERE \(whereSQL)
            ),
            cutoff AS (SELECT score FROM matched ORDER BY score LIMIT 1 OFFSET ?)
            SELECT page.*, \(nextCity) AS next_city FROM (
                SELECT m.doc_id, m.score, m.title, \(next) AS next_start, (SELECT count(*) FROM matched) AS total
                FROM matched m WHERE m.score <= coalesce((SELECT score FROM cutoff), 1e308)
                ORDER BY m.score, next_start IS NULL, next_start, m.title
                LIMIT ? OFFSET ?
            ) page
            ORDER BY page.score, page.next_start IS NULL, page.next_start, page.title
            """,
            // In the order the placeholders appear: the matches, the cutoff, the page's next city,
            // its next session, the page.
            whereArguments + [(offset + limit - 1).databaseValue] + session.arguments + session.arguments + [
                limit.databaseValue, offset.databaseValue,
            ]
        )
    }

    /// Counts of the matches per facet value, all facets in one statement over the matches found once
    /// (CROSS JOIN keeps SQLite from scanning every tag of a facet instead of the matches' tags).
    var facetsStatement: Statement {
        let (whereSQL, whereArguments) = whereClause(.all)
        return (
            """
            WITH m AS MATERIALIZED (
                SELECT d.doc_id, coalesce(d.kind, d.type) AS kind, d.origin FROM \(fromClause) WHERE \(whereSQL)
            )
            SELECT 'kind', kind, count(*) FROM m GROUP BY kind
            UNION ALL SELECT 'origin', origin, count(*) FROM m GROUP BY origin
            UNION ALL SELECT t.facet, t.value, count(*) FROM m CROSS JOIN search_tag t ON t.doc_id = m.doc_id
                WHERE t.facet IN ('topic', 'region', 'mode') GROUP BY t.facet, t.value
            UNION ALL SELECT 'month', s.month, count(DISTINCT s.doc_id) FROM m CROSS JOIN search_session s
                ON s.doc_id = m.doc_id WHERE s.cancelled = 0 AND s."end" > ? GROUP BY s.month
            """,
            whereArguments + [(query.includePast ? "0000" : now).databaseValue]
        )
    }

    static let facetNames = ["kind", "origin", "topic", "region", "mode", "month"]

    /// `statement` with its arguments written in as SQL literals.
    static func literal(_ statement: Statement) -> String {
        var values = statement.arguments.makeIterator()
        var text = ""
        for character in statement.sql {
            guard character == "?" else {
                text.append(character)
                continue
            }
            switch values.next()?.storage {
            case .int64(let value): text += String(value)
            case .double(let value): text += String(value)
            case .string(let value): text += "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
            case .blob(let data): text += "x'" + data.map { String(format: "%02x", $0) }.joined() + "'"
            case .null, nil: text += "NULL"
            }
        }
        return text
    }

    /// The entries of a page statement's rows, in the rows' order.
    static func matches(_ page: [Row], _ db: Database) throws -> [SearchMatch] {
        var matches: [SearchMatch] = []
        for row in page {
            guard
                let entry = try StoredEntry.fetchOne(
                    db.cachedStatement(
                        sql:
                            "SELECT e.* FROM entry e JOIN search_doc d ON d.origin = e.origin AND d.id = e.id WHERE d.doc_id = ?"
                    ),
                    arguments: [row["doc_id"] as Int64])
            else { continue }
            matches.append(
                SearchMatch(
                    entry: entry, score: row["score"], nextStart: row["next_start"], nextCity: row["next_city"],
                    doc: row["doc_id"]))
        }
        return matches
    }

    /// Runs the search; `record` sees every statement, in order, as it runs.
    func run(_ db: Database, record: (Statement) -> Void = { _ in }) throws -> SearchResult {
        func rows(_ statement: Statement) throws -> [Row] {
            record(statement)
            return try Row.fetchAll(db, sql: statement.sql, arguments: StatementArguments(statement.arguments))
        }
        func count(_ statement: Statement) throws -> Int {
            try rows(statement).first?[0] ?? 0
        }
        let limit = query.limit
        let offset = query.offset
        var total: Int
        var page: [Row]
        if matchExpression == nil || query.order == .newest {
            page = try rows(pageStatement(.all, offset: offset, limit: limit))
            total = try page.first?["total"] as Int? ?? count(countStatement())
        } else {
            total = try count(countStatement())
            page = []
            if total > 0 {
                page = try rows(pageStatement(.titled, offset: offset, limit: limit))
                if page.count < limit {
                    let titled: Int = try page.first?["total"] ?? count(countStatement(.titled))
                    if titled < total {
                        page += try rows(
                            pageStatement(.untitled, offset: max(0, offset - titled), limit: limit - page.count))
                    }
                }
            }
        }
        let matches = try Self.matches(page, db)
        var facets: [String: [FacetCount]]?
        if query.facets {
            var counts = Dictionary(uniqueKeysWithValues: Self.facetNames.map { ($0, [FacetCount]()) })
            for row in try rows(facetsStatement) {
                counts[row[0], default: []].append(FacetCount(value: row[1], count: row[2]))
            }
            facets = counts.mapValues { values in
                values.sorted { ($1.count, $0.value) < ($0.count, $1.value) }
            }
            facets?["month"] = counts["month"]?.sorted { $0.value < $1.value }
        }
        return SearchResult(total: total, matches: matches, facets: facets, matchedAllWords: !anyWord)
    }
}
