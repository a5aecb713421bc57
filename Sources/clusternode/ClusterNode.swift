import ArgumentParser
import CatalogCore

@main
struct ClusterNode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusternode",
        abstract: "Run a node of the Cluster Exchange federation: keep a signed catalog of offerings and trainings.",
        discussion: """
            Every command works on a node's data directory: --dir DIR, else $CLUSTERNODE_DIR, else ./node.
            Start with `clusternode init`, then add entries with `clusternode entries add` or import a
            catalog file with `clusternode entries import`.
            """,
        version: NodeSoftware.version,
        subcommands: [
            InitCommand.self, EntriesCommand.self, PeersCommand.self, EndorseCommand.self, SyncCommand.self,
            SearchCommand.self, OverviewCommand.self, ExportCommand.self, ServeCommand.self, DemoCommand.self,
            KeyCommand.self, VerifyCommand.self, BackupCommand.self, RestoreCommand.self, WatchCommand.self,
            VocabCommand.self,
        ]
    )

    /// Parses and runs a command; the one place a failure is printed and its exit status chosen.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure,
                let suggestion = CommandSuggestion.line(for: Array(CommandLine.arguments.dropFirst()))
            {
                Console.error(suggestion)
                exit(withError: ExitCode.validationFailure)
            }
            guard let lines = CommandErrors.lines(for: error) else { exit(withError: error) }
            for line in lines { Console.error(line) }
            exit(withError: ExitCode.failure)
        }
    }
}
