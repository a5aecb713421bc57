import ArgumentParser
import AsyncHTTPClient
import CatalogCore
import CatalogSearch
import CatalogSync
import CatalogTrust
import CatalogWire
import Foundation

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search every catalog the node holds: free text in German or English, and filters.",
        discussion: """
            Words match anywhere in titles, summaries, descriptions, keywords, technology fields, organizers
            and places, parts of compounds included ("technik" finds "Medizintechnik"); case and umlauts do not
            matter ("Muenchen", "munchen" and "München" meet). Entries with every word come first, ranked with
            title matches above description matches; when none has every word, entries with any are listed.
            Trainings whose sessions are all over are hidden unless --include-past. With --remote PEER the
            query runs on that pinned peer instead of the local index.
            """)

    @OptionGroup var options: NodeOptions

    @Argument(help: "The words to look for (may be empty when filters are given).")
    var text: String = ""

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
    @Flag(help: "Add counts per kind, topic, region, origin, mode and month.") var facets = false
    @Option(help: "How many results to show (1 to 200).") var limit = 20
    @Option(help: "How many results to skip.") var offset = 0
    @Option(help: "Run the search on this pinned peer instead of the local index.") var remote: String?

    func run() async throws {
        let from = try from.map(Self.date)
        let to = try to.map(Self.date)
        if let from, let to, to < from { throw CatalogError(.invalidInput, "--to \(to) is before --from \(from)") }
        let query = try SearchQuery(
            text: text, type: type, kind: kind, topic: topic, region: region, origin: origin, mode: mode,
            language: language, audience: audience, freeOnly: free, from: from, to: to, includePast: includePast,
            limit: limit, offset: offset, facets: facets,
            includeLocal: remote == nil
        ).validated()
        let node = try await options.openNode()
        let response: SearchResponse
        if let remote {
            let peer = try PeerDirectory(node.directory).peer(named: remote)
            response = try await HTTPClient.withNodeClient { http in
                var client = try PeerClient(
                    http: http, url: peer.url, trust: .init(peer.tls, peers: PeerDirectory(node.directory)))
                client.peerName = peer.name
                client.logger = CLILogging.logger("clusternode.search", defaultLevel: .warning)
                return try await client.search(query)
            }
        } else {
            response = try await Searcher(node: node).search(query, wording: .options)
        }
        if options.json {
            try Console.json(response)
        } else {
            Console.line(SearchText.render(response, query: query))
        }
    }

    static func date(_ text: String) throws -> CatalogDate {
        guard let date = CatalogDate(text) else {
            throw CatalogError(.invalidInput, "'\(text)' is not a date YYYY-MM-DD")
        }
        return date
    }
}

extension SessionMode: ExpressibleByArgument {}
