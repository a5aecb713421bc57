import CatalogCore
import Foundation
import Testing

@Suite("Search text folding")
struct SearchTextTests {
    /// The definition `SearchText.fold` is a fast form of: lowercase the whole text, decompose it,
    /// drop marks, letters and digits stay, the rest becomes single spaces, then ae/oe/ue fold.
    static func reference(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        let marks: Set<Unicode.GeneralCategory> = [.nonspacingMark, .spacingMark, .enclosingMark]
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isGraphemeExtend || marks.contains(scalar.properties.generalCategory) { continue }
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
        for (pair, vowel) in [("ae", "a"), ("oe", "o"), ("ue", "u")] {
            folded = folded.replacingOccurrences(of: pair, with: vowel)
        }
        return folded
    }

    @Test(
        "folds as the definition does",
        arguments: [
            "München, Muenchen und MUNCHEN", "Straße", "Ærø", "Crème brûlée", "ΟΔΟΣ σοφίας", "İstanbul",
            "Œuvre", "queue aee oee uee", "KI-Verordnung (AI Act) 2027!", "  ", "", "Ｆｕｌｌｗｉｄｔｈ", "한국어",
            "naïve café", "e\u{301} \u{301}x", "Ångström – 10 µm", "ǅemal ǈ", "ﬁnance ﬂow", "Łódź Ščůř",
        ])
    func matchesDefinition(_ text: String) {
        #expect(SearchText.fold(text) == Self.reference(text))
    }

    @Test("folds random text of letters from many scripts as the definition does")
    func randomText() {
        let alphabet = Array(
            "aAäÄeoOöuUüÜß éÉèçñÑøØåÅæœıİσΣςΑΩжЖ한글日本ﬁǅ0123456789-.,;!?()\u{301}\u{308}\u{200D}\t\n")
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement()! })
            #expect(SearchText.fold(text) == Self.reference(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }
}
