import ArgumentParser
import CatalogImport
import Foundation

struct EntriesImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import entries from a .json, .yaml or .csv file, all or nothing.",
        discussion: """
            New entries are added, changed ones get a new seq, unchanged ones are left alone, so importing
            the same file twice changes nothing. One bad entry and nothing is stored: every problem is listed
            with its row (CSV) or position (JSON, YAML). Entries missing from the file stay unless --replace
            is given, which withdraws them with signed tombstones. CSV columns: docs/CSV.md.
            """)

    @OptionGroup var options: NodeOptions

    @Argument(help: "The catalog file.", completion: .file(extensions: ["json", "yaml", "yml", "csv"]))
    var file: String

    @Flag(help: "Withdraw the node's entries that the file does not list.")
    var replace = false

    func run() async throws {
        let entries = try CatalogImporter.read(file: URL(fileURLWithPath: file))
        let node = try await options.openNode()
        let summary = try await node.put(entries, replace: replace)
        if options.json {
            try Console.json(summary)
        } else {
            Console.line("Imported \(entries.count) entries from \(file): \(summary.text)")
        }
    }
}
