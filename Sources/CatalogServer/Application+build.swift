import CatalogNode
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

/// The request context of every route.
public typealias NodeRequestContext = BasicRequestContext

/// Builds the router with every route of the protocol, so tests exercise exactly what `serve` runs.
///
/// - Parameter scheme: what the node is reached by, for the addresses its pages hand out.
public func buildRouter(
    node: Node, metrics: NodeMetrics, limits: ServerLimits = ServerLimits(), scheme: String = "https",
    waiters: FeedWaiters? = nil
) -> Router<NodeRequestContext> {
    // HEAD answers as GET would, headers only (HTTP's rule, and what link checkers and caches ask).
    let router = Router(context: NodeRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: HeadMiddleware())
    router.add(middleware: MetricsRecorder(metrics: metrics))
    router.add(middleware: CORSMiddleware(node: node))
    router.add(middleware: WebNotFoundMiddleware(node: node))
    router.add(middleware: APIErrorMiddleware())
    router.add(middleware: RepeatedParameterMiddleware())
    NodeController(node: node).addRoutes(to: router)
    FeedController(node: node, waiters: waiters ?? FeedWaiters(store: node.store)).addRoutes(to: router)
    ContractController().addRoutes(to: router)
    // Searches and overviews are the expensive routes: bounded, so the sync routes stay responsive.
    let expensive = router.group()
        .add(
            middleware: LimitMiddleware(
                limiter: ConcurrencyLimiter(limit: limits.expensiveConcurrency, queueLimit: limits.expensiveQueue)))
    SearchController(node: node, timeout: limits.expensiveTimeout).addRoutes(to: expensive)
    let web = WebController<NodeRequestContext>(node: node, timeout: limits.expensiveTimeout, scheme: scheme)
    web.addPageRoutes(to: expensive)
    web.addStaticRoutes(to: router)
    OverviewController(node: node, timeout: limits.expensiveTimeout).addRoutes(to: expensive)
    HealthController(node: node).addRoutes(to: router)
    MetricsController(metrics: metrics).addRoutes(to: router)
    return router
}

/// Builds the HTTPS application `serve` runs: the node's routes over TLS (or plain HTTP on
/// loopback), with `services` (the periodic sync) run and stopped alongside it.
///
/// - Parameter onRunning: called with the bound port once the server listens (port 0 picks one).
/// - Parameter waiters: the feed's held requests; run `FeedWaitersShutdown` for them *after* the
///   application in one service group (it is then told to shut down first), so that a shutdown
///   lets them go rather than waiting them out.
public func buildApplication(
    node: Node, configuration: ServerConfiguration, services: [any Service] = [], logger: Logger,
    waiters: FeedWaiters? = nil, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    try configuration.validate()
    let waiters = waiters ?? FeedWaiters(store: node.store)
    let router = buildRouter(
        node: node, metrics: NodeMetrics(node: node), limits: configuration.limits, scheme: configuration.scheme,
        waiters: waiters)
    let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .init(configuration.limits.idleTimeout)))
    let server: HTTPServerBuilder
    if let tls = try configuration.tlsConfiguration(for: node.directory) {
        server = try .tls(http1, tlsConfiguration: tls)
    } else {
        server = http1
    }
    return Application(
        router: router,
        server: server,
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "clusternode"),
        services: services,
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// Lets the feed's held requests go when the node begins to shut down, so that a graceful
/// shutdown does not wait out their `wait`. A service group shuts its services down in reverse
/// order, each after the one behind it has stopped; the HTTP server waits for the requests it is
/// answering, so this must come after the application in the group.
public struct FeedWaitersShutdown: Service {
    let waiters: FeedWaiters

    public init(waiters: FeedWaiters) {
        self.waiters = waiters
    }

    public func run() async throws {
        try? await gracefulShutdown()
        waiters.shutDown()
    }
}
