import CatalogCore
import Foundation
import GRDB

/// Counts of what took place between two instants: federated entries only, past ones included.
public struct PeriodCounts: Sendable {
    public struct Row: Sendable, Equatable {
        public let key: String
        public var held = 0
        public var scheduled = 0
        public var cancelled = 0
        public var offerings = 0
    }

    /// Sessions that took place (over by `now`), that are still to come, and that were called off.
    public var held = 0
    public var scheduled = 0
    public var cancelled = 0
    public var trainings = 0
    public var offerings = 0
    public var byTopic: [Row] = []
    public var byKind: [Row] = []
    public var byRegion: [Row] = []
    public var byMonth: [Row] = []
}

extension CatalogStore {
    /// - Parameters:
    ///   - start, end: the sessions counted start at or after `start` and before `end` (UTC).
    ///   - firstDay, lastDay: the offerings counted have their first valid day in these (inclusive).
    public func periodCounts(start: Date, end: Date, firstDay: String, lastDay: String, now: Date = Date())
        async throws -> PeriodCounts
    {
        // Timestamps as `Timestamp.format` writes them (digits, `-`, `:`, `T`, `Z`), so they can
        // stand in the statements as literals.
        let from = Timestamp.format(start)
        let to = Timestamp.format(end)
        let nowText = Timestamp.format(now)
        return try await read { db in
            // The sessions of the period, and the dated offerings, each with what they count for.
            let sessions = """
                SELECT s.doc_id, s.cancelled = 0 AND s."end" <= '\(nowText)' AS held,
                       s.cancelled = 0 AND s."end" > '\(nowText)' AS scheduled, s.cancelled, s.region, s.month
                FROM search_session s
                JOIN search_doc d ON d.doc_id = s.doc_id
                WHERE d.local = 0 AND s.start >= '\(from)' AND s.start < '\(to)'
                """
            let offerings = """
                SELECT d.doc_id, d.kind, substr(d.valid_from, 1, 7) AS month FROM search_doc d
                WHERE d.local = 0 AND d.type = 'offering' AND d.valid_from >= ? AND d.valid_from <= ?
                """
            let days: StatementArguments = [firstDay, lastDay]
            var counts = PeriodCounts()
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT sum(held), sum(scheduled), sum(cancelled), count(DISTINCT CASE WHEN held THEN doc_id END)
                    FROM (\(sessions))
                    """)
            {
                counts.held = row[0] ?? 0
                counts.scheduled = row[1] ?? 0
                counts.cancelled = row[2] ?? 0
                counts.trainings = row[3] ?? 0
            }
            counts.offerings = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(offerings))", arguments: days) ?? 0

            /// Rows of (key, held, scheduled, cancelled, offerings) from a statement over `p` (the
            /// sessions) and `o` (the offerings).
            func rows(_ sql: String) throws -> [PeriodCounts.Row] {
                try Row.fetchAll(
                    db,
                    sql: """
                        WITH p AS MATERIALIZED (\(sessions)), o AS MATERIALIZED (\(offerings))
                        SELECT key, sum(held), sum(scheduled), sum(cancelled), sum(offerings) FROM (\(sql))
                        GROUP BY key ORDER BY sum(held) + sum(scheduled) + sum(offerings) DESC, key
                        """, arguments: days
                ).map {
                    PeriodCounts.Row(key: $0[0], held: $0[1], scheduled: $0[2], cancelled: $0[3], offerings: $0[4])
                }
            }
            let tag = { (facet: String) in
                """
                SELECT t.value AS key, p.held AS held, p.scheduled AS scheduled, p.cancelled AS cancelled, 0 AS offerings
                FROM p JOIN search_tag t ON t.doc_id = p.doc_id AND t.facet = '\(facet)'
                UNION ALL SELECT t.value, 0, 0, 0, 1 FROM o JOIN search_tag t ON t.doc_id = o.doc_id AND t.facet = '\(facet)'
                """
            }
            counts.byTopic = try rows(tag("topic"))
            counts.byKind = try rows(
                """
                SELECT 'training' AS key, p.held AS held, p.scheduled AS scheduled, p.cancelled AS cancelled, 0 AS offerings FROM p
                UNION ALL SELECT coalesce(o.kind, 'other'), 0, 0, 0, 1 FROM o
                """)
            counts.byRegion = try rows(
                """
                SELECT p.region AS key, p.held AS held, p.scheduled AS scheduled, p.cancelled AS cancelled, 0 AS offerings
                FROM p WHERE p.region IS NOT NULL
                UNION ALL SELECT t.value, p.held, p.scheduled, p.cancelled, 0
                FROM p JOIN search_tag t ON t.doc_id = p.doc_id AND t.facet = 'entry-region' WHERE p.region IS NULL
                UNION ALL SELECT t.value, 0, 0, 0, 1 FROM o JOIN search_tag t ON t.doc_id = o.doc_id AND t.facet = 'region'
                """)
            counts.byMonth = try rows(
                """
                SELECT p.month AS key, p.held AS held, p.scheduled AS scheduled, p.cancelled AS cancelled, 0 AS offerings FROM p
                UNION ALL SELECT o.month, 0, 0, 0, 1 FROM o
                """)
            return counts
        }
    }
}
