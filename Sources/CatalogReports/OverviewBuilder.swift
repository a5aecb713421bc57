import CatalogCore
import CatalogNode
import CatalogStore
import CatalogWire
import Foundation

/// Builds the overview of everything a node holds. The counting is done in SQL; this only labels it.
public enum OverviewBuilder {
    /// - Parameter period: also count what took place from the first to the last day (inclusive,
    ///   Berlin days), past sessions included.
    public static func build(
        node: Node, includePast: Bool = false, period: (from: CatalogDate, to: CatalogDate)? = nil, now: Date = Date()
    ) async throws -> OverviewReport {
        let months = nextMonths(from: now, count: 12)
        let counts = try await node.store.overviewCounts(now: now, includePast: includePast, months: months)
        let origins = try await OriginDirectory(node: node, now: now)
        let unverified = try await CopyVerification.unverified(store: node.store, trust: origins.trust)
        let refusalsByPeer = try await node.store.refusalCountsByPeer()

        func rows(_ counts: [FacetCount], _ label: (String) -> String) -> [OverviewReport.Row] {
            counts.map { OverviewReport.Row(key: $0.value, label: label($0.value), count: $0.count) }
        }
        func vocabularyLabel(_ vocabulary: Vocabulary) -> (String) -> String {
            { vocabulary.term($0)?.de ?? $0 }
        }
        let byMonth = Dictionary(counts.byMonth.map { ($0.value, $0.count) }, uniquingKeysWith: { a, _ in a })
        var levels: [String: Int] = [:]
        for row in counts.byOrigin { levels[origins.info(row.value).level, default: 0] += row.count }

        var freshness = counts.origins.map { row in
            Self.freshness(row, origins: origins, unverified: unverified[row.name] ?? 0, now: now)
        }
        // Trusted origins whose catalog never arrived are missing from the overview: say so.
        let held = Set(counts.origins.map(\.name))
        for origin in origins.trusted where !held.contains(origin) {
            let info = origins.info(origin)
            freshness.append(
                .init(
                    origin: origin, displayName: info.displayName, level: info.level, region: info.region, live: 0,
                    withdrawn: 0, newestSeq: 0, headIssued: nil, headExpires: nil, headExpired: false, missing: 0,
                    viaPeer: nil, refusals: 0, unverified: 0, status: "absent"))
        }

        var report = OverviewReport(
            generated: Timestamp.format(now), node: node.origin, includePast: includePast, entries: counts.entries,
            offerings: counts.offerings, trainings: counts.trainings,
            byRegion: rows(counts.byRegion, vocabularyLabel(Vocabularies.regions)),
            byTopic: rows(counts.byTopic, vocabularyLabel(Vocabularies.topics)),
            byOrigin: rows(counts.byOrigin) { origins.info($0).displayName },
            byKind: rows(counts.byKind) { $0 == "training" ? "Training" : Vocabularies.kinds.term($0)?.de ?? $0 },
            byLevel: levels.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .map { .init(key: $0.key, label: $0.key, count: $0.value) },
            byMonth: months.map { .init(key: $0, label: $0, count: byMonth[$0] ?? 0) },
            regionTopic: counts.regionTopic.map { .init(region: $0.region, topic: $0.topic, count: $0.count) },
            freshness: freshness,
            refusalsByPeer: refusalsByPeer.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .map { .init(key: $0.key, label: $0.key.isEmpty ? "(no peer)" : $0.key, count: $0.value) })
        if let period {
            report.period = try await Self.period(period.from, period.to, node: node, origins: origins, now: now)
        }
        return report
    }

    /// What took place from `first` to `last` (inclusive), labelled as the rest of the overview.
    static func period(
        _ first: CatalogDate, _ last: CatalogDate, node: Node, origins: OriginDirectory, now: Date
    ) async throws
        -> OverviewPeriod
    {
        guard let start = CatalogDateTime("\(first.text)T00:00")?.instant,
            let end = CatalogDateTime("\(last.next.text)T00:00")?.instant
        else { throw CatalogError(.invalidInput, "the period \(first) to \(last) has no Berlin midnight") }
        let counts = try await node.store.periodCounts(
            start: start, end: end, firstDay: first.text, lastDay: last.text, now: now)
        func rows(_ rows: [PeriodCounts.Row], _ label: (String) -> String) -> [OverviewPeriod.Row] {
            rows.map {
                .init(
                    key: $0.key, label: label($0.key), held: $0.held, scheduled: $0.scheduled, cancelled: $0.cancelled,
                    offerings: $0.offerings)
            }
        }
        let byMonth = Dictionary(counts.byMonth.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let months = monthsBetween(String(first.text.prefix(7)), String(last.text.prefix(7)))
        return OverviewPeriod(
            from: first.text, to: last.text, sessionsHeld: counts.held, sessionsScheduled: counts.scheduled,
            sessionsCancelled: counts.cancelled,
            trainings: counts.trainings, offerings: counts.offerings,
            byTopic: rows(counts.byTopic) { Vocabularies.topics.term($0)?.de ?? $0 },
            byKind: rows(counts.byKind) { $0 == "training" ? "Training" : Vocabularies.kinds.term($0)?.de ?? $0 },
            byRegion: rows(counts.byRegion) { Vocabularies.regions.term($0)?.de ?? $0 },
            byMonth: months.map { month in
                let row = byMonth[month]
                return .init(
                    key: month, label: month, held: row?.held ?? 0, scheduled: row?.scheduled ?? 0,
                    cancelled: row?.cancelled ?? 0, offerings: row?.offerings ?? 0)
            })
    }

    /// `2026-11` … `2027-02`: every month from the first to the last, at most 120.
    static func monthsBetween(_ first: String, _ last: String) -> [String] {
        guard var year = Int(first.prefix(4)), var month = Int(first.suffix(2)) else { return [] }
        var months: [String] = []
        while months.count < 120 {
            let text = "\(year)-\(month < 10 ? "0" : "")\(month)"
            guard text <= last else { break }
            months.append(text)
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        return months
    }

    /// How current the node's copy of one origin's catalog is, as the overview says it; nil when
    /// the node neither holds nor trusts the origin.
    public static func freshness(of origin: String, node: Node, now: Date = Date()) async throws
        -> OverviewReport.Freshness?
    {
        let origins = try await OriginDirectory(node: node, now: now)
        guard let row = try await node.store.originRow(origin) else {
            guard origins.trust.isTrusted(origin) else { return nil }
            let info = origins.info(origin)
            return .init(
                origin: origin, displayName: info.displayName, level: info.level, region: info.region, live: 0,
                withdrawn: 0, newestSeq: 0, headIssued: nil, headExpires: nil, headExpired: false, missing: 0,
                viaPeer: nil, refusals: 0, unverified: 0, status: "absent")
        }
        let unverified = try await CopyVerification.unverified(store: node.store, trust: origins.trust, origin: origin)
        return freshness(row, origins: origins, unverified: unverified[origin] ?? 0, now: now)
    }

    static func freshness(
        _ row: OverviewCounts.OriginRow, origins: OriginDirectory, unverified failing: Int, now: Date
    ) -> OverviewReport.Freshness {
        let info = origins.info(row.name)
        let missing = row.complete ? 0 : max(0, (row.head?.live ?? 0) - row.live)
        let expired = row.head.flatMap { Timestamp.parse($0.expires) }.map { $0 <= now } ?? false
        let status =
            row.isSelf
            ? "ok"
            : !origins.trust.isTrusted(row.name) && (row.live > 0 || row.head != nil)
                ? "untrusted"
                : failing > 0
                    ? "unverified"
                    : row.head == nil
                        ? "absent"
                        : expired
                            ? "stale" : row.complete ? "ok" : missing > 0 ? "incomplete" : "differs"
        return OverviewReport.Freshness(
            origin: row.name, displayName: info.displayName, level: info.level, region: info.region, live: row.live,
            withdrawn: row.withdrawn, newestSeq: row.maxSeq, headIssued: row.head?.issued,
            headExpires: row.head?.expires, headExpired: expired, missing: missing, viaPeer: row.head?.viaPeer,
            refusals: row.refusals, unverified: failing, status: status)
    }

    /// `2026-11`, `2026-12`, ... in Berlin time, starting with the month of `date`.
    static func nextMonths(from date: Date, count: Int) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CivilCalendar.berlin
        let parts = calendar.dateComponents([.year, .month], from: date)
        var year = parts.year ?? 2026
        var month = parts.month ?? 1
        return (0..<count).map { _ in
            defer {
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
            return "\(year)-\(month < 10 ? "0" : "")\(month)"
        }
    }
}
