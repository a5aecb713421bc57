import CatalogCore
import Foundation
import GRDB

/// Counts over the entries a node holds, computed in SQL from the search tables: federated entries
/// only (an overview may be published), withdrawn ones never, past ones only when asked.
public struct OverviewCounts: Sendable {
    public struct Cell: Sendable, Codable, Equatable {
        public let region: String
        public let topic: String
        public let count: Int
    }

    /// One origin as the node holds it, with its newest head.
    public struct OriginRow: Sendable {
        public let name: String
        public let isSelf: Bool
        public let maxSeq: Int64
        public let live: Int
        public let withdrawn: Int
        public let head: StoredHead?
        /// Whether the entries held are exactly those the newest head lists (always for the node's own
        /// origin, and for an origin without a head).
        public let complete: Bool
        public let refusals: Int
    }

    public var entries = 0
    public var offerings = 0
    public var trainings = 0
    public var byRegion: [FacetCount] = []
    public var byTopic: [FacetCount] = []
    public var byOrigin: [FacetCount] = []
    public var byKind: [FacetCount] = []
    /// Trainings with a session starting in each month (`2027-03`), from the current month on.
    public var byMonth: [FacetCount] = []
    public var regionTopic: [Cell] = []
    public var origins: [OriginRow] = []
}

extension CatalogStore {
    public func overviewCounts(now: Date = Date(), includePast: Bool = false, months: [String]) async throws
        -> OverviewCounts
    {
        let nowText = Timestamp.format(now)
        return try await read { db in
            // The counted set, as a subquery over search_doc d.
            var condition = "d.local = 0"
            var arguments: StatementArguments = []
            if !includePast {
                condition +=
                    " AND (d.last_end IS NULL OR d.last_end > ?) AND (d.valid_until IS NULL OR d.valid_until >= ?)"
                arguments = [nowText, CivilCalendar.berlinDay(of: now)]
            }
            let counted = "SELECT d.doc_id FROM search_doc d WHERE \(condition)"
            func facets(_ sql: String, _ extra: StatementArguments = []) throws -> [FacetCount] {
                var all = arguments
                _ = all.append(contentsOf: extra)
                return try Row.fetchAll(db, sql: sql, arguments: all).map { FacetCount(value: $0[0], count: $0[1]) }
            }
            var counts = OverviewCounts()
            let totals = try Row.fetchOne(
                db,
                sql:
                    "SELECT count(*), sum(d.type = 'offering'), sum(d.type = 'training') FROM search_doc d WHERE \(condition)",
                arguments: arguments)
            counts.entries = totals?[0] ?? 0
            counts.offerings = totals?[1] ?? 0
            counts.trainings = totals?[2] ?? 0
            for (facet, keyPath) in [("region", \OverviewCounts.byRegion), ("topic", \OverviewCounts.byTopic)] {
                counts[keyPath: keyPath] = try facets(
                    """
                    SELECT t.value, count(*) FROM search_tag t
                    WHERE t.facet = '\(facet)' AND t.doc_id IN (\(counted)) GROUP BY 1 ORDER BY 2 DESC, 1
                    """)
            }
            counts.byOrigin = try facets(
                "SELECT d.origin, count(*) FROM search_doc d WHERE \(condition) GROUP BY 1 ORDER BY 2 DESC, 1")
            counts.byKind = try facets(
                "SELECT coalesce(d.kind, d.type), count(*) FROM search_doc d WHERE \(condition) GROUP BY 1 ORDER BY 2 DESC, 1"
            )
            if let first = months.first, let last = months.last {
                counts.byMonth = try facets(
                    """
                    SELECT s.month, count(DISTINCT s.doc_id) FROM search_session s
                    WHERE s.doc_id IN (\(counted)) AND s.cancelled = 0 AND s.month >= ? AND s.month <= ?
                    GROUP BY 1 ORDER BY 1
                    """, [first, last])
            }
            counts.regionTopic = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.value, t.value, count(*) FROM search_tag r
                    JOIN search_tag t ON t.doc_id = r.doc_id AND t.facet = 'topic'
                    WHERE r.facet = 'region' AND r.doc_id IN (\(counted))
                    GROUP BY 1, 2 ORDER BY 1, 2
                    """,
                arguments: arguments
            ).map { OverviewCounts.Cell(region: $0[0], topic: $0[1], count: $0[2]) }

            counts.origins = try Self.originRows(db)
            return counts
        }
    }

    /// One origin as the node holds it (as the overview counts it), or nil when it holds nothing of it.
    public func originRow(_ name: String) async throws -> OverviewCounts.OriginRow? {
        try await read { db in try Self.originRows(name: name, db).first }
    }

    /// Every origin the node holds, its own first, or only `name`.
    static func originRows(name: String? = nil, _ db: Database) throws -> [OverviewCounts.OriginRow] {
        let refusals = Dictionary(
            try Row.fetchAll(
                db,
                sql:
                    "SELECT origin, sum(count) FROM refusal_count WHERE origin != '' AND (? IS NULL OR origin = ?) GROUP BY 1",
                arguments: [name, name]
            ).map { ($0[0] as String, $0[1] as Int) }, uniquingKeysWith: { a, _ in a })
        return try Row.fetchAll(
            db,
            sql: """
                SELECT o.name, o.is_self, o.max_seq,
                       (SELECT count(*) FROM entry e WHERE e.origin = o.name AND e.deleted = 0 AND e.visibility = 'federated') AS live,
                       (SELECT count(*) FROM entry e WHERE e.origin = o.name AND e.deleted = 1 AND e.visibility = 'federated') AS withdrawn
                FROM origin o WHERE ? IS NULL OR o.name = ? ORDER BY o.is_self DESC, o.name
                """,
            arguments: [name, name]
        ).map { row in
            let name: String = row["name"]
            let isSelf: Bool = row["is_self"]
            let live: Int = row["live"]
            let head = try StoredHead.fetchOne(db, key: name)
            let complete = try isSelf || head.map { try Self.copyMatches($0, held: live, db) } ?? true
            return OverviewCounts.OriginRow(
                name: name, isSelf: isSelf, maxSeq: row["max_seq"], live: live, withdrawn: row["withdrawn"],
                head: head, complete: complete, refusals: refusals[name] ?? 0)
        }
    }
}

/// Which entries an export takes.
public struct ExportFilter: Sendable {
    public var type: EntryType?
    public var region: String?
    public var origin: String?
    public var topic: String?
    public var includeLocal: Bool

    public init(
        type: EntryType? = nil, region: String? = nil, origin: String? = nil, topic: String? = nil,
        includeLocal: Bool = false
    ) {
        self.type = type
        self.region = region
        self.origin = origin
        self.topic = topic
        self.includeLocal = includeLocal
    }
}

extension CatalogStore {
    /// The live entries an export takes, by origin and id.
    public func exportEntries(_ filter: ExportFilter) async throws -> [StoredEntry] {
        try await read { db in
            var conditions = ["e.deleted = 0"]
            var arguments: StatementArguments = []
            if !filter.includeLocal { conditions.append("e.visibility = 'federated'") }
            if let type = filter.type {
                conditions.append("e.type = ?")
                _ = arguments.append(contentsOf: [type.rawValue])
            }
            if let origin = filter.origin {
                conditions.append("e.origin = ?")
                _ = arguments.append(contentsOf: [origin])
            }
            for (facet, value) in [("region", filter.region), ("topic", filter.topic)] {
                guard let value else { continue }
                conditions.append(
                    """
                    EXISTS (SELECT 1 FROM search_doc d JOIN search_tag t ON t.doc_id = d.doc_id
                            WHERE d.origin = e.origin AND d.id = e.id AND t.facet = '\(facet)' AND t.value = ?)
                    """)
                _ = arguments.append(contentsOf: [value])
            }
            return try StoredEntry.fetchAll(
                db,
                sql: "SELECT e.* FROM entry e WHERE \(conditions.joined(separator: " AND ")) ORDER BY e.origin, e.id",
                arguments: arguments)
        }
    }
}
