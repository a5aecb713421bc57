import CatalogCore

/// The locale of the office that runs a node: which form of CSV it gets by default.
public enum OfficeLocale: String, Codable, Sendable, CaseIterable, ClosedSetDecodable {
    case de, en
}
