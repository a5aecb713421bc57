/// CSV as the node writes it: RFC 4180 (comma separated, CRLF, UTF-8), or the form German Excel
/// opens by double-click (semicolons, a UTF-8 byte order mark, decimal commas). Every cell is
/// written so that a spreadsheet reads it as text and nothing more.
public struct CSVDocument: Sendable {
    public enum Form: String, Sendable, CaseIterable {
        case standard, excel

        public var separator: Character { self == .excel ? ";" : "," }
        /// How a decimal number is written in this form: `7.5` or `7,5`.
        public func decimal(_ text: String) -> String {
            self == .excel ? text.replacingOccurrences(of: ".", with: ",") : text
        }
    }

    public let form: Form
    public private(set) var rows: [[String]] = []

    public init(form: Form = .standard) { self.form = form }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public var text: String {
        (form == .excel ? "\u{FEFF}" : "")
            + rows.map { $0.map(cell).joined(separator: String(form.separator)) }.joined(separator: "\r\n") + "\r\n"
    }

    /// The characters that make a spreadsheet read a cell as a formula when they come first.
    public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// A cell as a spreadsheet reads it, and nothing more: a leading `=`, `+`, `-`, `@`, tab or
    /// carriage return (which spreadsheets take for a formula) is neutralised with a leading `'`,
    /// as OWASP's CSV injection advice says (the node's CSV reader takes it off again); quoted when
    /// it holds the separator, a quote or a line break, quotes doubled. Scalars, not Characters:
    /// "\r\n" is one Character.
    public func cell(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, Self.formulaStarts.contains(first) { text = "'" + text }
        let separator = form.separator.unicodeScalars.first!
        guard text.unicodeScalars.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A cell as written by `cell`, read back: the neutralising `'` taken off.
    public static func unneutralised(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.first == "'", let second = scalars.dropFirst().first, formulaStarts.contains(second) else {
            return text
        }
        return String(scalars.dropFirst())
    }
}
