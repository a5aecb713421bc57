import CatalogCore
import CatalogSearch
import CatalogWire
import Foundation

extension SearchText {
    /// A search result for a terminal: a table that fits 100 columns, a count, facets, or a hint.
    static func render(_ response: SearchResponse, query: SearchQuery) -> String {
        guard !response.hits.isEmpty else {
            let what = query.text.isEmpty ? "No entries match" : "No entries match '\(query.text)'"
            // A remote node's hint is worded for its HTTP API; the suggestion says it in options.
            let hint = response.suggestion.flatMap(SearchHint.init).map { $0.text(.options) } ?? response.hint
            return "\(what)\(hint.map { "; \($0)" } ?? ""). "
                .trimmingCharacters(in: .whitespaces)
        }
        var table = TextTable(columns: ["TITLE", "TYPE", "ORIGIN", "NEXT", "ID"])
        for hit in response.hits {
            var next = ""
            if let start = hit.next?.start, let instant = Timestamp.parse(start) {
                next = CivilCalendar.berlinDay(of: instant) + (hit.next?.city.map { " \($0)" } ?? "")
            }
            table.add([
                hit.entry.title.preferred() ?? hit.id, EntryText.typeLabel(hit.entry), hit.origin, next,
                hit.verified ? hit.id : "\(hit.id) (unverified)",
            ])
        }
        var lines = [table.render(maxWidth: Console.width, flexible: [0, 2, 3], minimum: 24)]
        let shown = "\(response.offset + 1)–\(response.offset + response.hits.count) of \(response.total)"
        lines.append(
            response.matchedAllWords ? shown : "\(shown) (no entry has every word; entries with any are shown)")
        if let facets = response.facets {
            for name in ["kind", "topic", "region", "origin", "mode", "month"] {
                guard let counts = facets[name], !counts.isEmpty else { continue }
                lines.append("\(name): " + counts.prefix(8).map { "\($0.value) \($0.count)" }.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
