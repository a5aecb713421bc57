import ArgumentParser
import CatalogCore
import CatalogSearch

/// The filters of a search, as `search` and `watch add` take them.
struct SearchFilterOptions: ParsableArguments {
    @Option(help: "offering or training.") var type: EntryType?
    @Option(help: "An offering kind: education, event, study, matchmaking, ...") var kind: String?
    @Option(help: "A technology field slug such as medtech.") var topic: String?
    @Option(help: "A state code such as DE-BW.") var region: String?
    @Option(help: "Only entries of this origin.") var origin: String?
    @Option(help: "onsite, online or hybrid sessions.") var mode: SessionMode?
    @Option(help: "A language code such as de or en.") var language: String?
    @Option(help: "members, companies, research, startups, cluster-managers or public.") var audience: String?
    @Flag(help: "Only entries free of charge (or free for members).") var free = false
    @Option(help: "Trainings with a session on or after this day (YYYY-MM-DD).") var from: String?
    @Option(help: "Trainings with a session on or before this day (YYYY-MM-DD).") var to: String?
    @Flag(help: "Include trainings whose sessions are all over.") var includePast = false

    /// The search for `text` with these filters (not yet validated).
    func query(text: String) throws -> SearchQuery {
        let from = try from.map(Self.date)
        let to = try to.map(Self.date)
        if let from, let to, to < from { throw CatalogError(.invalidInput, "--to \(to) is before --from \(from)") }
        return SearchQuery(
            text: text, type: type, kind: kind, topic: topic, region: region, origin: origin, mode: mode,
            language: language, audience: audience, freeOnly: free, from: from, to: to, includePast: includePast)
    }

    static func date(_ text: String) throws -> CatalogDate {
        guard let date = CatalogDate(text) else {
            throw CatalogError(.invalidInput, "'\(text)' is not a date YYYY-MM-DD")
        }
        return date
    }
}
