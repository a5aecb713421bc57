import CatalogCore
import Foundation

/// The file formats a catalog can be imported from, recognized by extension.
public enum ImportFormat: String, Sendable, CaseIterable, ClosedSetDecodable {
    case json
    case yaml
    case csv

    public init(fileExtension: String) throws {
        switch fileExtension.lowercased() {
        case "json": self = .json
        case "yaml", "yml": self = .yaml
        case "csv": self = .csv
        default:
            throw CatalogError(
                .invalidInput, "cannot tell the format of a .\(fileExtension) file; use .json, .yaml or .csv")
        }
    }
}
