import ArgumentParser
import CatalogCore
import CatalogImport
import CatalogNode
import Foundation

struct EntriesEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change fields of one of the node's entries in place: one signed write with a new seq.",
        discussion: """
            FIELD is the entry's field as in its JSON (`clusternode entries show ID --json`), with dots into
            texts and objects and [N] for a session, numbered from 1 as `entries show` lists them. Values are
            read as the CSV reads its cells; an empty value clears the field. Examples:

              clusternode entries edit gmp-grundlagen-2027 --set title.de="GMP-Grundlagen kompakt" \\
                --set price="1.250 €" --set "sessions[2].mode=online" --set "sessions[2].location.city=Ulm"
              clusternode entries edit gmp-grundlagen-2027 --cancel-session 1 \\
                --add-session "start=15.06.2027 09:00,end=15.06.2027 17:00,mode=onsite,city=Tuttlingen"
              clusternode entries edit gmp-grundlagen-2027 --set topics="medtech|biotech" --set url=

            Nothing is stored when any change is invalid, or when the entry comes out as it was.
            """)

    @OptionGroup var options: NodeOptions

    @Argument(help: "The id of one of the node's own entries.")
    var id: String

    @Option(
        name: .customLong("set"),
        help: "FIELD=VALUE, e.g. title.de=…, price=450 EUR, sessions[2].mode=online (repeatable).")
    var assignments: [String] = []

    @Option(
        name: .customLong("add-session"),
        help: "A new session: start=…,end=…,mode=…[,city=…,venue=…,seats=…] as entries add --session (repeatable).")
    var addSessions: [String] = []

    @Option(name: .customLong("cancel-session"), help: "Mark session N (from 1) cancelled (repeatable).")
    var cancelSessions: [Int] = []

    /// The validator names sessions as the entry's JSON indexes them, from 0; this command counts
    /// them from 1, as `entries show` does: `sessions[1].end` becomes `sessions[2].end`.
    static func numberedFromOne(_ message: String) -> String {
        var result = ""
        var rest = Substring(message)
        while let open = rest.range(of: "sessions[") {
            result += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if let index = Int(digits), rest.dropFirst(digits.count).first == "]" {
                result += String(index + 1)
                rest = rest.dropFirst(digits.count)
            }
        }
        return result + rest
    }

    func validate() throws {
        if assignments.isEmpty && addSessions.isEmpty && cancelSessions.isEmpty {
            throw ValidationError("say what to change: --set FIELD=VALUE, --add-session or --cancel-session N")
        }
    }

    func run() async throws {
        let node = try await options.openNode()
        guard let stored = try await node.store.entry(origin: node.origin, id: id), !stored.deleted,
            let entry = try stored.signedEntry().entry
        else {
            throw CatalogError(
                .notFound, "no live entry '\(id)' in \(node.origin)'s catalog (clusternode entries list)")
        }
        let edited: Entry
        do {
            edited = try EntryEdit.apply(
                to: entry, set: assignments, addSessions: try addSessions.map(SessionOption.parse),
                cancelSessions: cancelSessions)
        } catch let failure as EntryEdit.Failure {
            throw CatalogError(.invalidInput, failure.description)
        } catch let failure as FieldText.CellError {
            throw CatalogError(.invalidInput, failure.message)
        }
        let summary: WriteSummary
        do {
            summary = try await node.replace(edited, expectedSeq: stored.seq)
        } catch let error as CatalogError where error.code == .invalidEntry {
            throw CatalogError(error.code, Self.numberedFromOne(error.message))
        }
        if options.json {
            try Console.json(summary)
        } else if summary.updated.isEmpty {
            Console.line("Unchanged \(id): the edits leave it as it was (seq \(stored.seq))")
        } else {
            Console.line("Updated \(id) (seq \(stored.seq) → \(summary.seq))")
        }
    }
}
