/// What one client can take from a serving node.
public struct ServerLimits: Sendable {
    /// A connection without a complete request for this long is closed: a client that sends a byte a
    /// second holds nothing up for long.
    public var idleTimeout: Duration = .seconds(30)
    /// The longest a search or an overview may take before the client gets 503.
    public var expensiveTimeout: Duration = .seconds(10)
    /// Searches and overviews running at once; more wait in line.
    public var expensiveConcurrency = 4
    /// Searches and overviews waiting for their turn; more get 503 at once.
    public var expensiveQueue = 32

    public init() {}
}
