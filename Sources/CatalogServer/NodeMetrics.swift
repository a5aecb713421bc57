import CatalogNode
import CatalogStore
import Hummingbird
import Prometheus

/// The node's Prometheus metrics. Counts kept in the database (entries per origin, refusals by
/// reason, peer failures) are read at each scrape, so they include what `clusternode sync` run from
/// the command line did; request counts are kept in memory by `MetricsRecorder`.
public final class NodeMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let node: Node

    static var requests: MetricNameDescriptor {
        .init(
            namespace: "clusternode", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests answered, by route and status.")
    }
    static var entries: MetricNameDescriptor {
        .init(namespace: "clusternode", metricName: "entries", unitName: "", helpText: "Live entries held, by origin.")
    }
    static var refusals: MetricNameDescriptor {
        .init(
            namespace: "clusternode", metricName: "refusals", unitName: "",
            helpText: "Envelopes refused since the node was made, by reason.")
    }
    static var peerFailures: MetricNameDescriptor {
        .init(
            namespace: "clusternode", subsystem: "peer", metricName: "consecutive_failures", unitName: "",
            helpText: "Failed pulls from a peer since its last success.")
    }

    public init(node: Node) {
        self.node = node
    }

    func recordRequest(route: String, status: Int) {
        registry.makeCounter(descriptor: Self.requests, labels: [("route", route), ("status", String(status))])
            .increment()
    }

    /// The Prometheus text exposition of every metric.
    func scrape() async throws -> [UInt8] {
        for origin in try await node.store.origins() {
            registry.makeGauge(descriptor: Self.entries, labels: [("origin", origin.name)]).set(
                Double(origin.federated))
        }
        let counts = try await node.store.refusalCounts()
        for reason in Refusal.Reason.allCases {
            registry.makeGauge(descriptor: Self.refusals, labels: [("reason", reason.rawValue)])
                .set(Double(counts[reason] ?? 0))
        }
        for state in try await node.store.peerStates() {
            registry.makeGauge(descriptor: Self.peerFailures, labels: [("peer", state.peer)]).set(
                Double(state.failures))
        }
        return registry.emitToBuffer()
    }
}

/// Counts every answered request by route and status.
struct MetricsRecorder<Context: RequestContext>: RouterMiddleware {
    let metrics: NodeMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            let response = try await next(request, context)
            metrics.recordRequest(route: context.endpointPath ?? "unknown", status: response.status.code)
            return response
        } catch let error as HTTPResponseError {
            metrics.recordRequest(route: context.endpointPath ?? "unknown", status: error.status.code)
            throw error
        }
    }
}

struct MetricsController<Context: RequestContext>: Sendable {
    let metrics: NodeMetrics

    func addRoutes(to router: Router<Context>) {
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: try await metrics.scrape())))
        }
    }
}
