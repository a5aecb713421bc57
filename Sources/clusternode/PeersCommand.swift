import ArgumentParser

struct PeersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peers",
        abstract: "Pin, list and remove the peers this node pulls from.",
        discussion: "Each peer is a file in the data directory's peers/ (format: peers/README.md in the repository).",
        subcommands: [PeersAddCommand.self, PeersListCommand.self, PeersRemoveCommand.self])
}
