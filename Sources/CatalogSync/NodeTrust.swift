import CatalogCore
import CatalogNode
import Foundation

/// The trust a node has now: every key it has signed with, the keys pinned in its peer files, and
/// the endorsements and key rotations it holds.
public enum NodeTrust {
    public static func current(
        _ node: Node, extra: [SignedEndorsement] = [], extraRotations: [SignedKeyRotation] = [], now: Date = Date()
    ) async throws -> TrustSet {
        // The node's own keys: its current one and those it rotated away from.
        var anchors = try await node.store.keys(origin: node.origin).compactMap { try? $0.nodePublicKey() }
            .map { TrustSet.Anchor(origin: node.origin, key: $0, mayEndorse: node.config.level.mayEndorse) }
        for peer in try PeerDirectory(node.directory).load() {
            anchors.append(.init(origin: peer.name, key: try peer.publicKey(), mayEndorse: peer.level.mayEndorse))
        }
        let held = try await node.store.endorsements().compactMap { try? SignedEndorsement(bytes: $0.envelope) }
        let rotations = try await node.store.rotations().compactMap { try? SignedKeyRotation(bytes: $0) }
        return TrustSet(anchors: anchors, endorsements: held + extra, rotations: rotations + extraRotations, now: now)
    }
}
