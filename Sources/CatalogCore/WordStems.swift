import CLibStemmer
import Synchronization

/// Snowball stems of folded words (libstemmer, the Snowball project's C library): "schulungen" and
/// "schulung" share "schulung", "weiterbildungen" gives "weiterbild", "studies" and "study" share
/// "studi". Search matches a query word to the indexed words with the same stem (whole stems, in
/// `search_stem`), so inflected forms meet. Words are stemmed after folding (`SearchText.fold`), on
/// both sides alike.
public enum WordStems {
    public enum Language: String, Sendable, CaseIterable {
        case german, english
    }

    /// Words shorter than this are not stemmed ("kurs" would lose its s), nor cut below
    /// `shortestStem`: a stem of three letters is inside too many other words.
    public static let shortestWord = 5
    public static let shortestStem = 4

    /// The word's stem in `language`; the word itself when it is short, or when stemming would
    /// leave fewer than `shortestStem` characters.
    public static func stem(_ word: String, _ language: Language) -> String {
        guard word.utf8.count >= shortestWord, word.utf8.count <= 64 else { return word }
        let stem =
            switch language {
            case .german: german.withLock { $0.stem(word) }
            case .english: english.withLock { $0.stem(word) }
            }
        guard let stem, stem.utf8.count >= shortestStem else { return word }
        return stem
    }

    /// One stemmer per language, used under its lock: a Snowball stemmer keeps state between calls.
    private static let german = Mutex(Stemmer(.german))
    private static let english = Mutex(Stemmer(.english))

    struct Stemmer: ~Copyable {
        private let handle: OpaquePointer

        init(_ language: Language) {
            // The algorithms are compiled into libstemmer; a missing one is a packaging error,
            // found by the first test that searches.
            guard let handle = sb_stemmer_new(language.rawValue, "UTF_8") else {
                preconditionFailure("libstemmer has no \(language.rawValue) stemmer")
            }
            self.handle = handle
        }

        deinit { sb_stemmer_delete(handle) }

        func stem(_ word: String) -> String? {
            var word = word
            return word.withUTF8 { bytes -> String? in
                guard let base = bytes.baseAddress,
                    let result = sb_stemmer_stem(handle, base, Int32(bytes.count))
                else { return nil }
                let length = Int(sb_stemmer_length(handle))
                return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
            }
        }
    }
}
