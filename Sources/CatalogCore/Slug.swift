import Foundation

/// Slugs name origins and entries: lowercase ASCII letters, digits and inner hyphens.
public enum Slug {
    public static let maxEntryIDLength = 100
    public static let maxOriginLength = 63

    /// Whether `text` is a slug of at most `maxLength` characters.
    public static func isValid(_ text: String, maxLength: Int = maxEntryIDLength) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= maxLength,
            bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-")
        else { return false }
        return bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// An origin name additionally starts with a letter (it appears in key ids and file names).
    public static func isValidOrigin(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else {
            return false
        }
        return isValid(text, maxLength: maxOriginLength)
    }

    /// A slug made from a title: "GMP-Grundlagen für Einsteiger" → "gmp-grundlagen-fuer-einsteiger".
    public static func make(from title: String) -> String {
        let transliterated = title.lowercased()
            .replacingOccurrences(of: "ä", with: "ae").replacingOccurrences(of: "ö", with: "oe")
            .replacingOccurrences(of: "ü", with: "ue").replacingOccurrences(of: "ß", with: "ss")
            .folding(options: [.diacriticInsensitive], locale: nil)
        var slug = ""
        for scalar in transliterated.unicodeScalars {
            if scalar.isASCII, isLowerAlnum(UInt8(scalar.value)) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 80 {
            slug = String(slug.prefix(80))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
