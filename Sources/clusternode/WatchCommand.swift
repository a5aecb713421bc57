import ArgumentParser
import CatalogCore
import CatalogNode
import CatalogSearch
import Foundation

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Save searches and list what matched them since the last look.",
        discussion: """
            A watch is a saved search over the node's public catalog (its own federated entries and every
            received one). After every sync the node says how many entries are new for each watch; `watch new`
            lists them and counts them as seen. Each watch also has an Atom feed, the node's /feed.atom with the
            watch's filters (`watch list` prints its address), for a feed reader.
            """,
        subcommands: [WatchAddCommand.self, WatchListCommand.self, WatchRemoveCommand.self, WatchNewCommand.self])

    /// The address of a watch's Atom feed on this node, by its first configured host name.
    static func feedURL(_ watch: Watch, config: NodeConfig) -> String {
        let host = config.hosts.first ?? "127.0.0.1"
        let parameters = Watcher.encode(watch.query)
        return "https://\(host):\(config.port)/feed.atom" + (parameters.isEmpty ? "" : "?\(parameters)")
    }

    /// The search in words: `"GMP" region=DE-BW type=training`.
    static func describe(_ query: SearchQuery) -> String {
        var parts = query.text.isEmpty ? [] : ["\"\(query.text)\""]
        parts += query.parameters.filter { !["q", "limit", "offset", "facets", "order"].contains($0.0) }.map {
            "\($0.0)=\($0.1)"
        }
        return parts.isEmpty ? "(everything)" : parts.joined(separator: " ")
    }
}

struct WatchAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Save a search under a name; what is stored from now on and matches it is new.",
        discussion: "Example: clusternode watch add gmp \"GMP\" --region DE-BW --type training")

    @OptionGroup var options: NodeOptions

    @Argument(help: "The watch's name: lowercase letters, digits, - or _ (at most 40).")
    var name: String

    @Argument(help: "The words to look for (may be empty when filters are given).")
    var text: String = ""

    @OptionGroup var filters: SearchFilterOptions

    func run() async throws {
        let node = try await options.openNode()
        let watch = try await Watcher(node: node).add(name: name, query: try filters.query(text: text))
        let matching = try await Searcher(node: node).search(watch.query, explainingEmpty: false).total
        if options.json {
            struct Added: Encodable {
                let name: String
                let parameters: String
                let matchingNow: Int
                let feed: String
            }
            try Console.json(
                Added(
                    name: watch.name, parameters: watch.stored.parameters, matchingNow: matching,
                    feed: WatchCommand.feedURL(watch, config: node.config)))
            return
        }
        Console.line(
            "Watching \(WatchCommand.describe(watch.query)) as \(watch.name): \(matching) entries match now; "
                + "entries stored from now on that match are new (clusternode watch new \(watch.name)).")
        Console.line("Atom feed: \(WatchCommand.feedURL(watch, config: node.config))")
    }
}

struct WatchListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the watches, how many new matches each has, and their feeds.")

    @OptionGroup var options: NodeOptions

    func run() async throws {
        let node = try await options.openNode()
        let watcher = Watcher(node: node)
        let watches = try await watcher.list()
        var rows: [(Watch, WatchNews)] = []
        for watch in watches { rows.append((watch, try await watcher.news(for: watch, markSeen: false))) }
        if options.json {
            struct Row: Encodable {
                let name: String
                let parameters: String
                let created: String
                let new: Int
                let feed: String
            }
            try Console.json(
                rows.map {
                    Row(
                        name: $0.0.name, parameters: $0.0.stored.parameters, created: $0.0.stored.created,
                        new: $0.1.count, feed: WatchCommand.feedURL($0.0, config: node.config))
                })
            return
        }
        if watches.isEmpty {
            Console.line("No watches. Save one with: clusternode watch add NAME \"WORDS\" [--region DE-BW] …")
            return
        }
        var table = TextTable(columns: ["NAME", "NEW", "SEARCH", "FEED"])
        for (watch, news) in rows {
            table.add([
                watch.name, String(news.count), WatchCommand.describe(watch.query),
                WatchCommand.feedURL(watch, config: node.config),
            ])
        }
        Console.line(table.render(maxWidth: Console.width, flexibleColumn: 2))
    }
}

struct WatchRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Forget a watch.")

    @OptionGroup var options: NodeOptions

    @Argument(help: "The watch's name.")
    var name: String

    func run() async throws {
        let node = try await options.openNode()
        try await Watcher(node: node).remove(named: name)
        if options.json {
            try Console.json(["removed": name])
        } else {
            Console.line("Removed the watch \(name).")
        }
    }
}

struct WatchNewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "List the entries that matched a watch (or every watch) since it last looked.",
        discussion: "Listed entries count as seen afterwards, unless --peek.")

    @OptionGroup var options: NodeOptions

    @Argument(help: "The watch's name; every watch when left out.")
    var name: String?

    @Flag(help: "List without counting the entries as seen.")
    var peek = false

    func run() async throws {
        let node = try await options.openNode()
        let watcher = Watcher(node: node)
        let watches: [Watch]
        if let name {
            watches = [try await watcher.watch(named: name)]
        } else {
            watches = try await watcher.list()
        }
        var all: [WatchNews] = []
        for watch in watches { all.append(try await watcher.news(for: watch, markSeen: !peek)) }
        if options.json {
            try Console.json(all)
            return
        }
        if watches.isEmpty { Console.line("No watches. Save one with: clusternode watch add NAME \"WORDS\" …") }
        for news in all {
            Console.line("\(news.watch): \(WatchText.count(news.count))")
            for match in news.matches {
                let next = match.nextStart.map { "  next \(String($0.prefix(16)))" } ?? ""
                Console.line("  \(match.origin)/\(match.id)  \(match.title)\(next)")
            }
            if news.count > news.matches.count {
                Console.line("  … and \(news.count - news.matches.count) more")
            }
        }
    }
}

enum WatchText {
    static func count(_ count: Int) -> String {
        count == 1 ? "1 new match" : "\(count) new matches"
    }
}
