/// Text from outside the node, made safe to keep and to show: what a peer says ends up in logs, the
/// refusal table and an operator's terminal, so it is cut short and every character that could act
/// on a terminal or break a line is written as an escape.
public enum SafeText {
    /// At most `limit` characters: `text` with control and format characters written as `\u{…}`
    /// and backslashes doubled, cut with `…` where it is longer.
    public static func excerpt(_ text: some StringProtocol, limit: Int = 160) -> String {
        var pieces: [String] = []
        var length = 0
        for scalar in text.unicodeScalars {
            let piece: String
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
                piece = "\\u{\(String(scalar.value, radix: 16))}"
            default:
                piece = scalar == "\\" ? "\\\\" : String(scalar)
            }
            pieces.append(piece)
            length += piece.count
            if length > limit { break }
        }
        guard length > limit else { return pieces.joined() }
        var result = ""
        var kept = 0
        for piece in pieces {
            if kept + piece.count > limit - 1 { break }
            result += piece
            kept += piece.count
        }
        return result + "…"
    }
}
