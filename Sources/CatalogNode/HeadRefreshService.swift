import CatalogCore
import Foundation
import Logging
import ServiceLifecycle

/// Re-signs the node's head before it expires, so that peers do not report a quiet but current
/// catalog as stale. Checks every `checkInterval`; renews once less than half the validity is left.
public struct HeadRefreshService: Service {
    public let node: Node
    public let logger: Logger
    public var checkInterval: Duration = .seconds(3600)

    public init(node: Node, logger: Logger) {
        self.node = node
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            do {
                try await refreshIfDue(now: Date())
            } catch  where !Task.isCancelledOrShuttingDown {
                logger.warning("cannot renew the head", metadata: ["error": "\(error)"])
            } catch {
                return  // stopping (a failed start included): nothing to report
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: checkInterval) }
        }
    }

    /// Signs a fresh head when less than half of the head's validity is left. Returns whether it did.
    @discardableResult
    public func refreshIfDue(now: Date) async throws -> Bool {
        let validity = TimeInterval(node.config.headValidityDays) * 86_400
        if let head = try await node.store.head(origin: node.origin), let expires = Timestamp.parse(head.expires),
            expires.timeIntervalSince(now) > validity / 2
        {
            return false
        }
        try await node.refreshHead(now: now)
        logger.info("renewed the head")
        return true
    }
}

extension Task where Success == Never, Failure == Never {
    /// Whether a service's loop should stop: its task was cancelled or the service group shuts down.
    public static var isCancelledOrShuttingDown: Bool { isCancelled || isShuttingDownGracefully }
}
