/// One rule an entry breaks, with the field it concerns (`sessions[1].end`) and the rule in words.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    public let field: String
    public let rule: String

    public init(_ field: String, _ rule: String) {
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(field): \(rule)" }
}
