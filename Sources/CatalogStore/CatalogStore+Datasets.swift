import CatalogCore
import Foundation
import GRDB

/// What an open-data description says of one origin's public catalog: how many live federated
/// entries it has, their technology fields, and when the newest of them was written.
public struct OriginDatasetFacts: Sendable {
    public let origin: String
    public let live: Int
    /// The fields of its entries, most used first.
    public let topics: [FacetCount]
    /// The newest `updated` of its federated entries (withdrawals included): when it last changed.
    public let modified: String?
}

extension CatalogStore {
    /// The facts of every origin holding federated entries, by origin name.
    public func datasetFacts() async throws -> [OriginDatasetFacts] {
        try await read { db in
            var topics: [String: [FacetCount]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT d.origin, t.value, count(*) FROM search_doc d JOIN search_tag t ON t.doc_id = d.doc_id
                    WHERE t.facet = 'topic' AND d.local = 0 GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2
                    """)
            {
                topics[row[0], default: []].append(FacetCount(value: row[1], count: row[2]))
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT origin, sum(deleted = 0), max(updated) FROM entry WHERE visibility = 'federated'
                    GROUP BY origin ORDER BY origin
                    """
            ).map {
                OriginDatasetFacts(origin: $0[0], live: $0[1], topics: topics[$0[0]] ?? [], modified: $0[2])
            }
        }
    }
}
