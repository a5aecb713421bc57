import CatalogCore
import CatalogWire

extension OverviewReport {
    /// The tables `--by` can choose, by name.
    public func table(_ name: OverviewTable) -> [Row] {
        switch name {
        case .region: return byRegion
        case .topic: return byTopic
        case .origin: return byOrigin
        case .kind: return byKind
        case .level: return byLevel
        case .month: return byMonth
        }
    }
}

/// The counted tables of an overview.
public enum OverviewTable: String, CaseIterable, Sendable, Codable, ClosedSetDecodable {
    case region, topic, origin, kind, level, month

    public var title: String {
        switch self {
        case .region: return "Entries by region"
        case .topic: return "Entries by technology field"
        case .origin: return "Entries by origin"
        case .kind: return "Entries by kind"
        case .level: return "Entries by level of origin"
        case .month: return "Trainings per month"
        }
    }
}
