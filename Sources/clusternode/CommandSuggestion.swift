import ArgumentParser
import CatalogCore

/// "did you mean" for a mistyped command (`clusternode serach`, `clusternode entries lsit`); the
/// argument parser suggests options itself, but not subcommands.
enum CommandSuggestion {
    /// The line to print for `arguments` when the first word that is no command of its parent
    /// comes close to one; nil when the arguments name commands all the way, or nothing is close.
    static func line(for arguments: [String]) -> String? {
        var command: any ParsableCommand.Type = ClusterNode.self
        var path = ["clusternode"]
        for argument in arguments {
            if argument.hasPrefix("-") { return nil }
            let subcommands = command.configuration.subcommands
            if subcommands.isEmpty { return nil }
            let names = subcommands.map(name)
            if let index = names.firstIndex(of: argument) {
                command = subcommands[index]
                path.append(argument)
                continue
            }
            let close = TextDistance.closest(to: argument, among: names, limit: 2)
            let shown = SafeText.excerpt(argument, limit: 40)
            let parent = path.joined(separator: " ")
            guard !close.isEmpty else {
                return "Error: '\(shown)' is not a command of \(parent); see '\(parent) --help'"
            }
            let options = close.map { "'\(parent) \($0)'" }.joined(separator: " or ")
            return "Error: '\(shown)' is not a command of \(parent). Did you mean \(options)?"
        }
        return nil
    }

    private static func name(_ command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
    }
}
