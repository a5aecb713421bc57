import CatalogSearch
import CatalogStore
import CatalogTrust
import Foundation
import Logging
import ServiceLifecycle

/// Pulls from every peer on an interval while the node serves. Each peer has its own loop, so a slow
/// or failing peer holds up no other; a failing one waits longer after each failure (doubling, up to
/// an hour). Peers pinned while serving are picked up; all loops stop on graceful shutdown.
public struct SyncService: Service {
    public let runner: SyncRunner
    public let interval: Duration
    public let logger: Logger
    public static let maxBackoff: Duration = .seconds(3600)
    /// How often the peers directory is read for newly pinned peers.
    static let rescan: Duration = .seconds(2)

    public init(runner: SyncRunner, interval: Duration, logger: Logger) {
        self.runner = runner
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let directory = PeerDirectory(runner.node.directory)
        await withDiscardingTaskGroup { group in
            var looping: Set<String> = []
            var lastProblem: String?
            while !Task.isCancelledOrShuttingDown {
                do {
                    for peer in try directory.load() where looping.insert(peer.name).inserted {
                        group.addTask { await loop(peer: peer.name, directory: directory) }
                    }
                    lastProblem = nil
                } catch {
                    let problem = "\(error)"
                    if problem != lastProblem {
                        logger.error("cannot read the peer files", metadata: ["error": "\(problem)"])
                    }
                    lastProblem = problem
                }
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.rescan) }
            }
        }
    }

    /// Pulls from one peer for as long as the node serves; waits while its file is gone. Between
    /// pulls it asks the peer to hold a request until it has news (`/v1/changes?wait=`), so a
    /// change arrives about as soon as the peer stores it, and pulls when it does; a peer that
    /// does not hold requests is pulled on the interval. Either way a pull runs at least once an
    /// interval, for what the node's own trust may have changed.
    private func loop(peer name: String, directory: PeerDirectory) async {
        var failures = 0
        var waitFailures = 0
        var pullDue = true
        var lastPull = ContinuousClock.now
        while !Task.isCancelledOrShuttingDown {
            var pause: Duration = .zero
            if let peer = try? directory.peer(named: name) {
                if pullDue || ContinuousClock.now - lastPull >= interval {
                    let report = await runner.pull(peer)
                    lastPull = ContinuousClock.now
                    if report.added + report.updated > 0 { await reportWatches() }
                    failures = report.ok ? 0 : failures + 1
                    pullDue = !report.ok
                    if !report.ok { pause = Self.backoff(afterFailures: failures, interval: interval) }
                }
                if pause == .zero {
                    let outcome = await cancelWhenGracefulShutdown {
                        await runner.waitForNews(peer, seconds: Self.wait)
                    }
                    switch outcome {
                    case .news: pullDue = true
                    case .quiet: break
                    case .unsupported: pause = interval - (ContinuousClock.now - lastPull)
                    case .failed:
                        // A peer that cannot hold requests (or a passing fault) is pulled on the
                        // interval at worst; only failed pulls back off further.
                        pullDue = true
                        waitFailures += 1
                        pause = min(Self.backoff(afterFailures: waitFailures, interval: interval), interval)
                    }
                    if outcome != .failed { waitFailures = 0 }
                }
            } else {
                pause = interval
            }
            guard pause > .zero else { continue }
            let sleep = pause
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: sleep) }
        }
    }

    /// How long a peer is asked to hold a request for news: under the 60 s a node allows, so an idle
    /// federation costs about one request per peer a minute.
    static let wait = 50

    /// Logs, per watch with new matches, how many there are (`clusternode watch new` lists them).
    private func reportWatches() async {
        do {
            for news in try await Watcher(node: runner.node).allNews() where news.count > 0 {
                logger.info(
                    "\(news.count == 1 ? "1 new match" : "\(news.count) new matches") for \(news.watch)",
                    metadata: ["watch": "\(news.watch)"])
            }
        } catch {
            logger.warning("cannot check the watches", metadata: ["error": "\(error)"])
        }
    }

    /// The wait after `count` failures in a row: the interval (at most 30 s) doubled per failure.
    public static func backoff(afterFailures count: Int, interval: Duration) -> Duration {
        let base = min(interval, .seconds(30))
        let factor = 1 << min(max(count - 1, 0), 16)
        return min(base * factor, maxBackoff)
    }
}
