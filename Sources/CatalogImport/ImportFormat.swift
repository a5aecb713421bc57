import CatalogCore
import Foundation

/// The file formats a catalog can be imported from, recognized by extension.
public enum ImportFormat: String, Sendable, CaseIterable, ClosedSetDecodable {
    case json
    case yaml
    case csv
    case xlsx

    public init(fileExtension: String) throws {
        switch fileExtension.lowercased() {
        case "json": self = .json
        case "yaml", "yml": self = .yaml
        case "csv", "txt": self = .csv
        case "xlsx": self = .xlsx
        case "xls":
            throw CatalogError(
                .invalidInput,
                "a .xls file is in Excel's format before 2007; save it as .xlsx (Excel-Arbeitsmappe) or .csv")
        default:
            throw CatalogError(
                .invalidInput,
                "cannot tell the format of a .\(fileExtension) file; use .json, .yaml, .csv or .xlsx")
        }
    }
}
