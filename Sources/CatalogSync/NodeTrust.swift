import CatalogCore
import CatalogNode
import Foundation

/// The trust a node has now: its own key, the keys pinned in its peer files, and the endorsements
/// it holds.
public enum NodeTrust {
    public static func current(_ node: Node, extra: [SignedEndorsement] = [], now: Date = Date()) async throws
        -> TrustSet
    {
        var anchors = [
            TrustSet.Anchor(origin: node.origin, key: node.publicKey, mayEndorse: node.config.level.mayEndorse)
        ]
        for peer in try PeerDirectory(node.directory).load() {
            anchors.append(.init(origin: peer.name, key: try peer.publicKey(), mayEndorse: peer.level.mayEndorse))
        }
        let held = try await node.store.endorsements().compactMap { try? SignedEndorsement(bytes: $0.envelope) }
        return TrustSet(anchors: anchors, endorsements: held + extra, now: now)
    }
}
