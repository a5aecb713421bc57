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

    @OptionGroup var filters: SearchFilterOptions
    @Flag(help: "Add counts per kind, topic, region, origin, mode and month.") var facets = false
    @Option(help: "How many results to show (1 to 200).") var limit = 20
    @Option(help: "How many results to skip.") var offset = 0
    @Option(help: "Run the search on this pinned peer instead of the local index.") var remote: String?

    func run() async throws {
        var query = try filters.query(text: text)
        query.limit = limit
        query.offset = offset
        query.facets = facets
        query.includeLocal = remote == nil
        query = try query.validated()
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
}

extension SessionMode: ExpressibleByArgument {}
