import ArgumentParser
import AsyncHTTPClient
import CatalogCore
import CatalogSearch
import CatalogStore
import CatalogSync
import Foundation

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Pull from every peer now (or from --peer ones) and report what changed.",
        discussion: """
            For each peer: entries new, updated and withdrawn, envelopes refused (with reasons), and entries
            missing against the origins' signed heads. Peers are pulled concurrently; one failing does not stop
            the others. Exits 1 when any peer failed.

            Each peer is pulled from where the last pull stopped; --from-start pulls its whole feed again (after
            restoring this node from a backup, or to check a copy). A peer that serves versions older than this
            node holds because its own copy is older (its head says so) is reported as stale-relay, not refused.
            An origin that signed two different envelopes for one seq is named (equivocation): its key may be in
            other hands, or its database was copied back from an old state; ask its operator.
            """)

    @OptionGroup var options: NodeOptions

    @Option(name: .customLong("peer"), help: "Pull from this peer only (repeatable).")
    var peers: [String] = []

    @Flag(help: "Pull the whole feed of each peer again, from its start.")
    var fromStart = false

    @Option(help: "Envelopes asked for per request (1 to 1000).")
    var pageSize = 500

    @Option(help: "Seconds each request to a peer may take.")
    var timeout = 30

    func validate() throws {
        guard (1...1_000).contains(pageSize) else { throw ValidationError("--page-size must be 1 to 1000") }
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout must be 1 to 600 seconds") }
    }

    func run() async throws {
        let node = try await options.openNode()
        let logger = CLILogging.logger("clusternode.sync", defaultLevel: .warning)
        let showsProgress = Console.isErrorTerminal && !options.json
        var progress: SyncRunner.Progress?
        if showsProgress {
            progress = { peer, count, more in Console.progress("\(peer): \(count) envelopes" + (more ? " …" : "")) }
        }
        let only = peers.isEmpty ? nil : peers
        let pageSize = pageSize
        let timeout = timeout
        let fromStart = fromStart
        let report = try await HTTPClient.withNodeClient { http in
            var runner = SyncRunner(node: node, http: http, logger: logger)
            runner.pageSize = pageSize
            runner.timeout = .seconds(timeout)
            runner.fromStart = fromStart
            return try await runner.sync(only: only, progress: progress)
        }
        if showsProgress { Console.progress(nil) }
        let watches = try await Watcher(node: node).allNews().filter { $0.count > 0 }
        if options.json {
            struct Answer: Encodable {
                let report: SyncReport
                let watches: [WatchNews]
                func encode(to encoder: any Encoder) throws {
                    try report.encode(to: encoder)
                    enum Keys: String, CodingKey { case watches }
                    var container = encoder.container(keyedBy: Keys.self)
                    try container.encode(watches, forKey: .watches)
                }
            }
            try Console.json(Answer(report: report, watches: watches))
        } else {
            show(report)
            for news in watches {
                Console.line("\(WatchText.count(news.count)) for \(news.watch) (clusternode watch new \(news.watch))")
            }
        }
        if !report.ok { throw ExitCode.failure }
    }

    private func show(_ report: SyncReport) {
        if report.peers.isEmpty {
            Console.line("No peers to pull from. Pin one with: clusternode peers add --url URL --ca CERT")
        }
        for peer in report.peers {
            guard peer.ok else {
                Console.line("\(peer.peer): FAILED: \(peer.error ?? "unknown error")")
                continue
            }
            Console.line(
                "\(peer.peer): \(peer.added) new, \(peer.updated) updated, \(peer.withdrawn) withdrawn, "
                    + "\(peer.refusedCount) refused, \(peer.missing) missing (\(peer.envelopes) envelopes in \(peer.pages) pages)"
            )
            for refusal in peer.refused.prefix(20) { Console.line("  refused \(refusal)") }
            if peer.refusedCount > 20 { Console.line("  … and \(peer.refusedCount - 20) more refusals") }
            if peer.statementsRefused > 0 {
                Console.line(
                    "  refused \(peer.statementsRefused) trust statements the peer served (see the refusal log)")
            }
            for origin in peer.equivocating.sorted() {
                Console.line(
                    "  EQUIVOCATION \(origin): it signed two different envelopes for one seq; its key may be in other "
                        + "hands, or its database was copied back from an old state: ask its operator")
            }
            for (origin, count) in peer.staleRelay.sorted(by: { $0.key < $1.key }) {
                Console.line(
                    "  stale-relay \(origin): \(count) envelopes older than this node's copy; the peer's own head "
                        + "for it is older too (it has not caught up), nothing refused")
            }
            for origin in peer.incomplete { Console.line("  " + Self.describe(origin)) }
        }
    }

    /// One line on how an origin's copy compares with its head, never contradicting itself.
    static func describe(_ copy: OriginCompleteness) -> String {
        let head = "its head (seq \(copy.headSeq))"
        var line =
            copy.held < copy.headLive
            ? "incomplete \(copy.origin): \(copy.held) of the \(copy.headLive) entries of \(head)"
            : copy.held == copy.headLive
                ? "differs \(copy.origin): \(copy.held) entries, as many as \(head) counts, but not the ones it lists"
                : "differs \(copy.origin): \(copy.held) entries where \(head) counts \(copy.headLive)"
        if copy.forked {
            line += "; \(copy.origin) signed two histories (equivocation), so the copy may never match"
        }
        return line
    }
}
