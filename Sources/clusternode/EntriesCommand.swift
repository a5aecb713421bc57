import ArgumentParser

struct EntriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entries",
        abstract: "Add, edit, import, list, show and withdraw catalog entries.",
        subcommands: [
            EntriesAddCommand.self, EntriesEditCommand.self, EntriesImportCommand.self, EntriesListCommand.self,
            EntriesShowCommand.self,
            EntriesRemoveCommand.self,
        ])
}
