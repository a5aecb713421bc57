import CatalogCore
import CatalogNode
import CatalogSync
import Foundation

/// Names, levels and regions of the origins a node knows: its own config, its peer files, and the
/// endorsements it holds (the newest statement about each subject).
public struct OriginDirectory: Sendable {
    public struct Info: Sendable {
        public let displayName: String
        public let level: String
        public let region: String
    }

    public private(set) var infos: [String: Info] = [:]
    /// The origins the node trusts, whether or not their catalogs arrived.
    public private(set) var trusted: [String] = []

    public init(node: Node, now: Date = Date()) async throws {
        for stored in try await node.store.endorsements() {
            guard let signed = try? SignedEndorsement(bytes: stored.envelope), !signed.endorsement.revoked else {
                continue
            }
            let e = signed.endorsement
            infos[e.subject] = Info(
                displayName: infos[e.subject]?.displayName ?? e.subject, level: e.level, region: e.region)
        }
        for peer in try PeerDirectory(node.directory).load() {
            infos[peer.name] = Info(displayName: peer.displayName, level: peer.level.rawValue, region: peer.region)
        }
        infos[node.origin] = Info(
            displayName: node.config.displayName, level: node.config.level.rawValue, region: node.config.region)
        trusted = try await NodeTrust.current(node, now: now).origins
    }

    public func info(_ origin: String) -> Info {
        infos[origin] ?? Info(displayName: origin, level: "unknown", region: "")
    }
}
