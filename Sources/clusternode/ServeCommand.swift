import ArgumentParser
import AsyncHTTPClient
import CatalogCore
import CatalogNode
import CatalogServer
import CatalogSync
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the node's catalog over HTTPS and pull from its peers on an interval.",
        discussion: """
            Serves /v1/node, /v1/changes, /v1/heads, /v1/endorsements, /v1/entries/ORIGIN/ID, /healthz and
            /metrics over TLS with the node's certificate (tls/cert.pem), or with --tls-cert/--tls-key from a
            real CA. --plain-http serves without TLS, on a loopback address only (behind a reverse proxy).
            Pulls from every peer every syncIntervalSeconds (config.yaml), backing off from failing ones.
            Stops gracefully on SIGTERM or SIGINT. Prints "listening on URL" once it accepts connections.
            """)

    @OptionGroup var options: NodeOptions

    @Option(help: "The port to listen on; 0 picks a free one. Default: port in config.yaml.")
    var port: Int?

    @Option(help: "The address to listen on.")
    var host = "0.0.0.0"

    @Option(help: "A TLS certificate chain (PEM) to serve instead of the node's own.")
    var tlsCert: String?

    @Option(help: "The private key (PEM) of --tls-cert.")
    var tlsKey: String?

    @Flag(help: "Serve plain HTTP, on a loopback address only (for running behind a reverse proxy).")
    var plainHttp = false

    @Flag(help: "Do not pull from peers while serving.")
    var noSync = false

    @Option(help: "Seconds a connection may stay without a complete request before it is closed.")
    var idleTimeout = 30

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("give --tls-cert and --tls-key together") }
        if plainHttp && tlsCert != nil { throw ValidationError("--plain-http and --tls-cert exclude each other") }
        if !(1...3600).contains(idleTimeout) { throw ValidationError("--idle-timeout must be 1 to 3600 seconds") }
    }

    private func serve(node: Node, configuration: ServerConfiguration, http: HTTPClient, logger: Logger) async throws {
        var services: [any Service] = [HeadRefreshService(node: node, logger: logger)]
        if !noSync {
            let runner = SyncRunner(node: node, http: http, logger: logger)
            services.append(
                SyncService(runner: runner, interval: .seconds(node.config.syncIntervalSeconds), logger: logger))
        }
        let displayHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        let waiters = FeedWaiters(store: node.store)
        let app = try buildApplication(
            node: node, configuration: configuration, services: services, logger: logger, waiters: waiters,
            onRunning: { port in
                Console.line("listening on \(configuration.scheme)://\(displayHost):\(port)")
            })
        do {
            // The held feed requests are let go first, then the server stops (see FeedWaitersShutdown).
            try await ServiceGroup(
                configuration: .init(
                    services: [app, FeedWaitersShutdown(waiters: waiters)],
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger)
            ).run()
        } catch {
            logger.debug("the server stopped", metadata: ["error": "\(error)"])
            if let failure = ListenFailure.describe(error, host: configuration.host, port: configuration.port) {
                throw CatalogError(.io, failure)
            }
            throw CatalogError(.io, "the server stopped: \(SafeText.excerpt(String(describing: error), limit: 200))")
        }
    }

    func run() async throws {
        let logger = CLILogging.logger("clusternode.serve", defaultLevel: .info)
        let node = try await options.openNode()
        let lock = try ServeLock(node.directory, for: "starting it again")
        defer { withExtendedLifetime(lock) {} }
        try PrivateFiles.check(node.directory, tlsKey: tlsKey)
        let transport: ServerConfiguration.Transport =
            plainHttp
            ? .plainHTTP : tlsCert.map { .certificateFiles(certificate: $0, key: tlsKey ?? "") } ?? .nodeCertificate
        var limits = ServerLimits()
        limits.idleTimeout = .seconds(idleTimeout)
        let configuration = ServerConfiguration(
            host: host, port: port ?? node.config.port, transport: transport, limits: limits)
        try configuration.validate()
        let http = HTTPClient.makeNodeClient()
        do {
            try await serve(node: node, configuration: configuration, http: http, logger: logger)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
        try node.store.close()
    }
}
