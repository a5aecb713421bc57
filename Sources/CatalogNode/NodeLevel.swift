import CatalogCore

/// Where a node stands in the federation. Agencies and the national node may endorse other origins.
public enum NodeLevel: String, Codable, Sendable, CaseIterable, ClosedSetDecodable {
    case cluster
    case agency
    case national

    public var mayEndorse: Bool { self != .cluster }
}
