/// One thing wrong with an import file, located by row (CSV, counting the header as row 1, as a
/// spreadsheet does) or by entry position (JSON, YAML).
public struct ImportProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// `row 5`, `entry 3 (gmp-basics)`, or the file itself.
    public let location: String
    public let message: String

    public init(_ location: String, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// An import that cannot be stored, with every problem found. Nothing of the file was stored.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let problems: [ImportProblem]

    public init(file: String, problems: [ImportProblem]) {
        self.file = file
        self.problems = problems
    }

    /// One line: what failed and how much.
    public var summary: String {
        "\(file): \(problems.count) problem\(problems.count == 1 ? "" : "s"), nothing imported"
    }

    public var description: String { ([summary] + problems.map(\.description)).joined(separator: "\n") }
}
