/// How far apart two short texts are: for "did you mean" suggestions and near-duplicate titles.
public enum TextDistance {
    /// The edit distance between two texts, counted in Unicode scalars: the fewest insertions,
    /// deletions, substitutions and swaps of two neighbours ("lsit" → "list" is one) that turn one
    /// into the other (optimal string alignment).
    public static func edits(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// The candidates closest to `text`, nearest first: those within a third of the longer text's
    /// length in edits (at least 2), or that start with it or contain it (for short forms such as
    /// "medizin"), at most `limit`. Compared folded: case, umlauts and accents do not count.
    public static func closest(to text: String, among candidates: [String], limit: Int = 3) -> [String] {
        let folded = SearchText.fold(text)
        // A long text is no typo of a short name; and comparing it would cost its length squared.
        guard !folded.isEmpty, folded.count <= 64 else { return [] }
        var scored: [(candidate: String, score: Int)] = []
        for candidate in candidates {
            let other = SearchText.fold(candidate)
            let distance = edits(folded, other)
            let allowed = max(2, max(folded.count, other.count) / 3)
            // A candidate that starts with the text ranks right after an exact match.
            if folded.count >= 3, other.hasPrefix(folded) {
                scored.append((candidate, distance == 0 ? 0 : 1))
            } else if distance <= allowed {
                scored.append((candidate, distance + 1))
            } else if folded.count >= 3, other.contains(folded) || folded.contains(other) && other.count >= 3 {
                scored.append((candidate, allowed + 2))
            }
        }
        var seen: Set<String> = []
        return scored.sorted { $0.score != $1.score ? $0.score < $1.score : $0.candidate < $1.candidate }
            .map(\.candidate).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// Whether two titles read as the same offering: equal once folded, or apart by at most a
    /// tenth of their length in edits (a changed year, a typo, a dropped word of a long title).
    public static func nearlySameTitle(_ a: String, _ b: String) -> Bool {
        nearlySameFolded(SearchText.fold(a), SearchText.fold(b))
    }

    /// `nearlySameTitle` for titles folded already (`SearchText.fold`), as a check over many
    /// titles folds each once.
    public static func nearlySameFolded(_ x: String, _ y: String) -> Bool {
        guard !x.isEmpty, !y.isEmpty else { return false }
        if x == y { return true }
        let (xs, ys) = (Array(x.unicodeScalars), Array(y.unicodeScalars))
        let longer = max(xs.count, ys.count)
        let allowed = longer / 10
        guard longer >= 12, abs(xs.count - ys.count) <= allowed else { return false }
        return edits(xs, ys, atMost: allowed) <= allowed
    }

    /// The edit distance, or `limit + 1` as soon as it is certain to exceed `limit` (every cell
    /// of a row above it): comparing many titles, most pairs stop after a few rows.
    static func edits(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
