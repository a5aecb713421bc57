import Foundation

/// The text form both the search index and queries are reduced to, so that spellings meet:
/// lowercase; ä, ö, ü folded to a, o, u and their transliterations ae, oe, ue likewise (so
/// "München", "Muenchen" and "munchen" all become "munchen"); ß to ss; other accents dropped;
/// everything that is not a letter or digit becomes a single space.
///
/// Every indexed text goes through `fold`, so it is written for speed: ASCII is folded byte by
/// byte, and other characters through a table built once for the Latin letters (and computed for
/// the rest), with the same result as lowercasing, decomposing (NFD) and dropping marks.
public enum SearchText {
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        func space() {
            if !lastWasSpace {
                out.append(0x20)
                lastWasSpace = true
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                switch byte {
                case 0x41...0x5A: out.append(byte + 0x20)
                case 0x61...0x7A, 0x30...0x39: out.append(byte)
                default:
                    space()
                    continue
                }
                lastWasSpace = false
                continue
            }
            for piece in pieces(of: scalar) {
                switch piece {
                case .space: space()
                case .text(let bytes):
                    out.append(contentsOf: bytes)
                    lastWasSpace = false
                }
            }
        }
        if out.last == 0x20 { out.removeLast() }
        return String(decoding: withoutTransliteratedUmlauts(out), as: UTF8.self)
    }

    /// The words of a folded text, split at the spaces between scalars.
    public static func words(_ text: String) -> [String] {
        fold(text).utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
    }

    /// "ae", "oe", "ue" read as the vowel alone, on both sides of a match.
    private static func withoutTransliteratedUmlauts(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x65) else { return bytes }  // no "e", nothing to do
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            out.append(byte)
            if (byte == 0x61 || byte == 0x6F || byte == 0x75) && index + 1 < bytes.count && bytes[index + 1] == 0x65 {
                index += 2
            } else {
                index += 1
            }
        }
        return out
    }

    /// What one non-ASCII character becomes: letters (as UTF-8), or a space.
    enum Piece: Sendable {
        case text([UInt8])
        case space
    }

    private static let latinBase: UInt32 = 0x80
    /// Latin-1, Latin Extended-A and B: the letters of European names and places.
    private static let latin: [[Piece]] = (latinBase..<0x250).map { value in
        Unicode.Scalar(value).map(computedPieces) ?? [.space]
    }

    static func pieces(of scalar: Unicode.Scalar) -> [Piece] {
        if scalar.value >= latinBase && scalar.value < latinBase + UInt32(latin.count) {
            return latin[Int(scalar.value - latinBase)]
        }
        return computedPieces(scalar)
    }

    /// Lowercase, decompose, drop accents and marks; ß becomes ss.
    private static func computedPieces(_ scalar: Unicode.Scalar) -> [Piece] {
        var pieces: [Piece] = []
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            for part in decomposed(lower) {
                // Accents and umlaut dots go, and so does anything else that would join the previous
                // character: a mark after a space would otherwise glue two words into one character.
                if part.properties.isGraphemeExtend || marks.contains(part.properties.generalCategory) { continue }
                if part == "ß" {
                    pieces.append(.text(Array("ss".utf8)))
                } else if part.properties.isAlphabetic || ("0"..."9").contains(part) {
                    pieces.append(.text(Array(String(part).utf8)))
                } else {
                    pieces.append(.space)
                }
            }
        }
        return pieces
    }

    /// The canonical decomposition (NFD) of one scalar. Decomposing scalar by scalar gives what
    /// decomposing the whole text would, up to the order of marks, and marks are dropped.
    private static func decomposed(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
    }

    private static let marks: Set<Unicode.GeneralCategory> = [.nonspacingMark, .spacingMark, .enclosingMark]
}
