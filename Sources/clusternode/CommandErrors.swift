import ArgumentParser
import CatalogCore
import CatalogImport

/// What a person sees when a command fails: one line on stderr naming what is wrong (an import
/// failure adds one line per problem), and exit status 1. Commands only throw; the root command
/// (`ClusterNode.main`) is the one place that prints.
enum CommandErrors {
    /// The lines for a failure the node's modules report; nil for the argument parser's own errors
    /// (usage, help, exit codes), which it prints itself.
    static func lines(for error: any Error) -> [String]? {
        switch error {
        case let error as CatalogError: return ["error: \(error.message)"]
        case let failure as ImportFailure: return ["error: \(failure.summary)"] + failure.problems.map { "  \($0)" }
        case let error as FieldText.CellError: return ["error: \(error.message)"]
        default: return nil
        }
    }
}
