import ArgumentParser
import CatalogCore
import CatalogImport

/// Runs a command's work and turns its failures into what a person can act on: one line on stderr
/// (an import failure adds one line per problem) and exit status 1.
enum CommandErrors {
    static func report(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CatalogError {
            Console.error("error: \(error.message)")
            throw ExitCode.failure
        } catch let failure as ImportFailure {
            Console.error("error: \(failure.summary)")
            for problem in failure.problems { Console.error("  \(problem)") }
            throw ExitCode.failure
        } catch let error as FieldText.CellError {
            Console.error("error: \(error.message)")
            throw ExitCode.failure
        }
    }
}
