import CatalogCore
import CatalogImport
import CatalogNode
import CatalogStore
import Foundation

/// The example clusters' catalogs, signed by a key per cluster and received by one national node, in
/// process: an index over the whole example federation for search and overview tests.
public enum ExampleFederation {
    public static let clusters = [
        "medicalmountains", "microtech-sued", "automotive-bw", "photonics-bayern", "digital-health-bayern",
    ]

    /// Each example cluster's region.
    public static let regions = [
        "medicalmountains": "DE-BW", "microtech-sued": "DE-BW", "automotive-bw": "DE-BW", "photonics-bayern": "DE-BY",
        "digital-health-bayern": "DE-BY",
    ]

    /// A national node holding every federated example entry and each cluster's signed head, as if
    /// synced from each cluster on 2026-11-29, and endorsing each cluster's key.
    /// `hosts`: the names the node's config says readers reach it at.
    public static func nationalNode(hosts: [String] = ["localhost"]) async throws -> TestNode {
        let test = try await TestNode.make(name: "national", level: .national) { $0.hosts = hosts }
        for cluster in clusters {
            let key = NodeSigningKey(origin: cluster)
            _ = try await test.node.endorse(
                subject: cluster, key: key.publicKey, region: regions[cluster] ?? "DE", level: .cluster,
                now: Timestamp.parse("2026-11-28T09:00:00Z")!)
            let entries = try CatalogImporter.read(file: Fixtures.federationCatalog(cluster)).filter { !$0.isLocal }
            let signed = try entries.enumerated().map { index, entry in
                try SignedEntry.sign(
                    .version(of: entry, origin: cluster, seq: Int64(index + 1), updated: "2026-11-29T09:00:00Z"),
                    with: key)
            }
            let lines = signed.map { CatalogDigest.Line(id: $0.id, seq: $0.seq, payloadHash: $0.payloadHash) }
            let head = try SignedHead.sign(
                HeadPayload(
                    origin: cluster, seq: Int64(signed.count), live: signed.count, digest: CatalogDigest.compute(lines),
                    issued: "2026-11-29T09:00:00Z", expires: "2026-12-29T09:00:00Z"),
                with: key)
            let items = signed.map { ReceivedItem.entry($0) } + [.head(head)]
            _ = try await test.node.store.applyReceived(items, refusals: [], peer: cluster, cursor: Int64(items.count))
        }
        return test
    }
}
