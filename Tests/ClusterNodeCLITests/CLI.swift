import CatalogTestSupport
import Foundation
import Testing

/// Runs the built `clusternode` executable as a user would.
struct CLI {
    /// The executable beside the test bundle (SwiftPM builds every product of the package into the
    /// same directory), else the default debug build path.
    static let executable: String = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("clusternode").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return Fixtures.repositoryRoot.appendingPathComponent(".build/debug/clusternode").path
    }()

    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("cli")
    }

    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:], timeLimit: Duration = .seconds(300)) throws
        -> Shell.Result
    {
        try Shell.run(
            CLI.executable, arguments, environment: environment, directory: directory.url, timeLimit: timeLimit)
    }

    /// Runs a command that must succeed, and returns what it printed.
    @discardableResult
    func succeed(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Shell.Result {
        let result = try run(arguments)
        #expect(
            result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// Runs a command that must fail with one line on stderr, and returns that line.
    func fail(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments)
        #expect(result.status != 0, "\(arguments.joined(separator: " ")) succeeded", sourceLocation: sourceLocation)
        return result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func json(_ arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: try succeed(arguments + ["--json"]).stdoutData)
    }

    func initNode(_ dir: String = "mm", name: String = "medicalmountains") throws {
        try succeed([
            "init", "--dir", dir, "--name", name, "--display-name", "MedicalMountains", "--level", "cluster",
            "--region", "DE-BW", "--host", "localhost",
        ])
    }
}
