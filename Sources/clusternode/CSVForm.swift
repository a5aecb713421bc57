import CatalogCore
import CatalogNode

/// Which CSV form a command writes: what its flags ask for, else what the node's locale prefers.
enum CSVForm {
    static func choose(excel: Bool, standard: Bool, locale: OfficeLocale) -> CSVDocument.Form {
        if excel { return .excel }
        if standard { return .standard }
        return locale == .de ? .excel : .standard
    }
}
