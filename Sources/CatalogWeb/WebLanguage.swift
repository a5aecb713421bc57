import Foundation

/// The language a page is shown in: German unless the reader asks for English, by the `lang`
/// parameter (the switch on every page) or by the browser's `Accept-Language`.
public enum WebLanguage: String, Sendable, CaseIterable {
    case de, en

    /// `lang` wins when it names a language the pages have; else the first of ours the browser lists
    /// (by its q-values); else German.
    public static func choose(parameter: String?, acceptLanguage: String?) -> WebLanguage {
        if let parameter, let language = WebLanguage(rawValue: parameter.lowercased()) { return language }
        guard let acceptLanguage else { return .de }
        var best: (language: WebLanguage, quality: Double)?
        for item in acceptLanguage.split(separator: ",").prefix(20) {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard let language = WebLanguage(rawValue: primary) else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language ?? .de
    }

    /// The other language, for the switch.
    public var other: WebLanguage { self == .de ? .en : .de }
}
