import CatalogStore
import Foundation
import Synchronization

/// `/v1/changes?wait=SECONDS` requests held until something is past their cursor: bounded per
/// node (`maxHeld`; one more is answered at once, as without `wait`), woken within a poll of the
/// store (`pollInterval`: a write by any process counts, a sync of this `serve` as well as a CLI
/// command), and all let go on shutdown. The store is asked at most once per poll interval however
/// many requests wait: an idle node with its pullers waiting costs a few small reads a second.
public final class FeedWaiters: Sendable {
    public static let maxHeld = 64
    public static let maxWait = 60
    static let pollInterval: Duration = .milliseconds(250)
    /// How often a held answer sends a byte (a space before the header line) so that proxies and
    /// the node's own idle timeout keep the connection.
    static let heartbeat: Duration = .seconds(10)

    /// What a change is measured by: the feed's last position and the trust statements' version.
    struct Stamp: Equatable {
        let lastReceipt: Int64
        let trustVersion: Int64
    }

    private struct State {
        /// Each held request's place, with when it lapses in any case: a place whose answer was
        /// never written (the connection closed first) frees itself then.
        var held: [Int: ContinuousClock.Instant] = [:]
        var nextPlace = 0
        var shutDown = false
        var stamp: Stamp?
        var checkedAt: ContinuousClock.Instant?
    }

    private let store: CatalogStore
    private let state = Mutex(State())

    public init(store: CatalogStore) {
        self.store = store
    }

    /// Takes a place for one request held until `deadline`; nil when `maxHeld` are held or the
    /// node shuts down.
    func hold(until deadline: ContinuousClock.Instant) -> Int? {
        let now = ContinuousClock.now
        return state.withLock { state in
            state.held = state.held.filter { $0.value + .seconds(5) > now }
            guard !state.shutDown, state.held.count < Self.maxHeld else { return nil }
            state.nextPlace += 1
            state.held[state.nextPlace] = deadline
            return state.nextPlace
        }
    }

    /// How many requests are held now.
    var heldCount: Int { state.withLock { $0.held.count } }

    func release(_ place: Int) {
        _ = state.withLock { $0.held.removeValue(forKey: place) }
    }

    /// Lets every held request go, and holds none from now on.
    public func shutDown() {
        state.withLock { $0.shutDown = true }
    }

    var isShutDown: Bool { state.withLock { $0.shutDown } }

    /// The store's stamp, read at most once per poll interval for all waiters.
    func stamp() async throws -> Stamp {
        let now = ContinuousClock.now
        if let cached = state.withLock({ state -> Stamp? in
            guard let checked = state.checkedAt, now - checked < Self.pollInterval else { return nil }
            return state.stamp
        }) {
            return cached
        }
        let fresh = Stamp(lastReceipt: try await store.lastReceipt(), trustVersion: try await store.trustVersion())
        state.withLock {
            $0.stamp = fresh
            $0.checkedAt = now
        }
        return fresh
    }

    /// Returns when the stamp differs from `since`, `deadline` passes or the node shuts down;
    /// throws when the request is cancelled (its client went away).
    func waitForChange(from since: Stamp, until deadline: ContinuousClock.Instant) async throws {
        while ContinuousClock.now < deadline, !isShutDown {
            if try await stamp() != since { return }
            try await Task.sleep(for: min(Self.pollInterval, deadline - ContinuousClock.now))
        }
    }
}
