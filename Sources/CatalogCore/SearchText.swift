/// The text form both the search index and queries are reduced to, so that spellings meet:
/// lowercase; ä, ö, ü folded to a, o, u and their transliterations ae, oe, ue likewise (so
/// "München", "Muenchen" and "munchen" all become "munchen"); ß to ss; other accents dropped;
/// everything that is not a letter or digit becomes a single space.
public enum SearchText {
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            // Accents and umlaut dots go, and so does anything else that would join the previous
            // character: a mark after a space would otherwise glue two words into one character.
            if scalar.properties.isGraphemeExtend || Self.marks.contains(scalar.properties.generalCategory) { continue }
            if scalar == "ß" {
                out.append(contentsOf: "ss".unicodeScalars)
                lastWasSpace = false
            } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.append(scalar)
                lastWasSpace = false
            } else if !lastWasSpace {
                out.append(" ")
                lastWasSpace = true
            }
        }
        var folded = String(out)
        if folded.hasSuffix(" ") { folded.removeLast() }
        // Transliterated umlauts: "ae", "oe", "ue" read as the vowel alone, on both sides of a match.
        for (pair, vowel) in [("ae", "a"), ("oe", "o"), ("ue", "u")] {
            folded = folded.replacingOccurrences(of: pair, with: vowel)
        }
        return folded
    }

    private static let marks: Set<Unicode.GeneralCategory> = [.nonspacingMark, .spacingMark, .enclosingMark]

    /// The words of a folded text, split at the spaces between scalars.
    public static func words(_ text: String) -> [String] {
        fold(text).unicodeScalars.split(separator: " ").map { String(String.UnicodeScalarView($0)) }
    }
}
