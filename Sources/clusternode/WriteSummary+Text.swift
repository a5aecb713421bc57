import CatalogNode

extension WriteSummary {
    /// `2 added, 1 updated, 5 unchanged, 0 withdrawn (seq 14)`.
    var text: String {
        "\(added.count) added, \(updated.count) updated, \(unchanged.count) unchanged, \(withdrawn.count) withdrawn (seq \(seq))"
    }

    /// The ids a write changed, a line per kind of change: `  updated: gmp-grundlagen-2027, …`.
    /// Added ids are listed only when asked (a first import adds the whole file).
    func idLines(includingAdded: Bool) -> [String] {
        var lines: [String] = []
        if includingAdded && !added.isEmpty { lines.append("  added: " + added.joined(separator: ", ")) }
        if !updated.isEmpty { lines.append("  updated: " + updated.joined(separator: ", ")) }
        if !withdrawn.isEmpty { lines.append("  withdrawn: " + withdrawn.joined(separator: ", ")) }
        return lines
    }

    /// One warning per new entry whose title nearly matches another's, the first ten of them.
    var similarTitleWarnings: [String] {
        let shown = similarTitles.prefix(10).map {
            "warning: new entry '\($0.id)' (\"\($0.title)\") has nearly the title of '\($0.like)' (\"\($0.likeTitle)\"); "
                + "if it is the same offering, change '\($0.like)' instead (clusternode entries edit \($0.like) …)"
        }
        let more = similarTitles.count - shown.count
        return shown
            + (more > 0
                ? ["warning: \(more) more new entries have nearly the title of another (--json lists them)"] : [])
    }
}
