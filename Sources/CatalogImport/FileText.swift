import CatalogCore
import Foundation

/// The text of an import file: UTF-8 (a byte order mark is dropped), UTF-16 with its byte order
/// mark (Excel's "Unicode text"), or, for a CSV that is not valid UTF-8, Windows-1252, the
/// encoding German Excel and older office software save CSV in.
enum FileText {
    struct Decoded {
        let text: String
        let note: String?
    }

    static func decode(_ data: Data, name: String, allowLegacy: Bool) throws -> Decoded {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data, encoding: .utf16) else {
                throw CatalogError(.invalidInput, "\(name) starts as UTF-16 text but is not; save it as UTF-8")
            }
            return Decoded(text: dropBOM(text), note: "read as UTF-16")
        }
        if let text = String(data: data, encoding: .utf8) { return Decoded(text: dropBOM(text), note: nil) }
        guard allowLegacy else {
            throw CatalogError(.invalidInput, "\(name) is not UTF-8 text; save it as UTF-8 (with or without BOM)")
        }
        guard let text = windows1252(data) else {
            throw CatalogError(
                .invalidInput, "\(name) is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8")
        }
        return Decoded(text: text, note: "read as Windows-1252, since it is not UTF-8")
    }

    private static func dropBOM(_ text: String) -> String {
        text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    /// Windows-1252: Latin-1 with printable characters (€, „, “, –, …) in 0x80–0x9F. The five
    /// bytes it leaves undefined, and control characters, mean the file is something else.
    static func windows1252(_ data: Data) -> String? {
        var scalars = String.UnicodeScalarView()
        for byte in data {
            switch byte {
            case 0x80...0x9F:
                guard let scalar = high[Int(byte - 0x80)] else { return nil }
                scalars.append(scalar)
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F:
                return nil
            default:
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    private static let high: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
}
