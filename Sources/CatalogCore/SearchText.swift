/// The text form both the search index and queries are reduced to, so that spellings meet:
/// lowercase; ä, ö, ü folded to a, o, u and their transliterations ae, oe, ue likewise (so
/// "München", "Muenchen" and "munchen" all become "munchen"); ß to ss; other accents dropped;
/// everything that is not a letter or digit becomes a single space.
public enum SearchText {
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }  // accents, umlaut dots
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

    /// The words of a folded text.
    public static func words(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }
}
