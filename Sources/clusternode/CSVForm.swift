import ArgumentParser
import CatalogCore
import CatalogNode

/// `--excel` and `--standard-csv`: which CSV form a command writes, else what the node's locale
/// prefers (`locale: de` in config.yaml: German Excel's).
struct CSVFormOptions: ParsableArguments {
    @Flag(help: "csv: semicolons, UTF-8 with a byte order mark and decimal commas, as German Excel reads.")
    var excel = false

    @Flag(help: "csv: commas and UTF-8 without a byte order mark, even when config.yaml says locale: de.")
    var standardCsv = false

    /// Whether either flag was given (they are for CSV only).
    var isSet: Bool { excel || standardCsv }

    func validate() throws {
        if excel && standardCsv { throw ValidationError("--excel and --standard-csv exclude each other") }
    }

    func form(locale: OfficeLocale) -> CSVDocument.Form {
        if excel { return .excel }
        if standardCsv { return .standard }
        return locale == .de ? .excel : .standard
    }
}
