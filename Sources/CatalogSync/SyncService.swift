import CatalogStore
import Foundation
import Logging
import ServiceLifecycle

/// Pulls from every peer on an interval while the node serves. A peer that fails waits longer after
/// each failure (doubling, up to an hour) without delaying the others. Stops on graceful shutdown.
public struct SyncService: Service {
    public let runner: SyncRunner
    public let interval: Duration
    public let logger: Logger
    public static let maxBackoff: Duration = .seconds(3600)

    public init(runner: SyncRunner, interval: Duration, logger: Logger) {
        self.runner = runner
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        var due: [String: ContinuousClock.Instant] = [:]
        var failures: [String: Int] = [:]
        let tick = min(interval, .seconds(1))
        while !Task.isCancelledOrShuttingDown {
            let now = ContinuousClock.now
            let peers = (try? PeerDirectory(runner.node.directory).load()) ?? []
            let ready = peers.filter { due[$0.name].map { $0 <= now } ?? true }
            if !ready.isEmpty {
                let reports = await withTaskGroup(of: PeerSyncReport.self) { group in
                    for peer in ready { group.addTask { await runner.pull(peer) } }
                    var reports: [PeerSyncReport] = []
                    for await report in group { reports.append(report) }
                    return reports
                }
                for report in reports {
                    if report.ok {
                        failures[report.peer] = 0
                        due[report.peer] = ContinuousClock.now + interval
                    } else {
                        let count = (failures[report.peer] ?? 0) + 1
                        failures[report.peer] = count
                        due[report.peer] = ContinuousClock.now + Self.backoff(afterFailures: count, interval: interval)
                    }
                }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: tick) }
        }
    }

    /// The wait after `count` failures in a row: the interval (at most 30 s) doubled per failure.
    public static func backoff(afterFailures count: Int, interval: Duration) -> Duration {
        let base = min(interval, .seconds(30))
        let factor = 1 << min(max(count - 1, 0), 16)
        return min(base * factor, maxBackoff)
    }
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { isCancelled || isShuttingDownGracefully }
}
