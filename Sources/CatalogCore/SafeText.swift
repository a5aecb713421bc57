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

    /// The first character of `text` that plain text from outside may not hold: a control
    /// character (C0, DEL, C1), a line or paragraph separator, or a bidirectional override that
    /// can make a terminal show text in another order; `\n` only where `allowingNewlines`.
    public static func forbiddenCharacter(in text: some StringProtocol, allowingNewlines: Bool) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in scalar == "\n" ? !allowingNewlines : needsEscape(scalar) }
    }

    /// `U+000D`, how a message names a character.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` for a terminal: every control, format or separator character except `\n` written
    /// visibly as `\u{…}` (an escape sequence from a peer's title would otherwise clear the screen
    /// or hide what follows), whatever its length.
    public static func terminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 != "\n" && needsEscape($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar != "\n" && needsEscape(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Controls (C0, DEL, C1), line and paragraph separators, and bidirectional overrides.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        case .format: return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        default: return false
        }
    }
}
