import ArgumentParser
import CatalogImport
import Foundation

struct EntriesImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import entries from a .json, .yaml, .csv or .xlsx file, all or nothing.",
        discussion: """
            New entries are added, changed ones get a new seq, unchanged ones are left alone, so importing
            the same file twice changes nothing. One bad entry and nothing is stored: every problem is listed
            with its row (CSV) or position (JSON, YAML). Entries missing from the file stay unless --replace
            is given, which withdraws them with signed tombstones. The summary names the ids updated and
            withdrawn; --dry-run shows it all and stores nothing. A new entry whose title nearly matches one
            the catalog holds gets a warning (the same offering under a second id?). CSV and xlsx columns:
            docs/CSV.md (an xlsx workbook's first sheet is read; a CSV that is not UTF-8 is read as
            Windows-1252, and the summary says so).
            """)

    @OptionGroup var options: NodeOptions

    @Argument(help: "The catalog file.", completion: .file(extensions: ["json", "yaml", "yml", "csv", "xlsx"]))
    var file: String

    @Flag(help: "Withdraw the node's entries that the file does not list.")
    var replace = false

    @Flag(help: "Say what the import would add, update and withdraw, by id, and store nothing.")
    var dryRun = false

    func run() async throws {
        let imported = try CatalogImporter.load(file: URL(fileURLWithPath: file))
        let entries = imported.entries
        let node = try await options.openNode()
        let summary = try await node.put(entries, replace: replace, dryRun: dryRun)
        for warning in summary.similarTitleWarnings { Console.error(warning) }
        if options.json {
            try Console.json(summary)
        } else {
            let encoding = imported.encodingNote.map { " (\($0))" } ?? ""
            if dryRun {
                Console.line(
                    "Would import \(entries.count) entries from \(file)\(encoding): \(summary.text); nothing was stored"
                )
            } else {
                Console.line("Imported \(entries.count) entries from \(file)\(encoding): \(summary.text)")
            }
            for line in summary.idLines(includingAdded: dryRun || summary.added.count <= 20) { Console.line(line) }
        }
    }
}
