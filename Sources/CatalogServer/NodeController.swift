import CatalogCore
import CatalogNode
import CatalogTrust
import CatalogWire
import Hummingbird

/// `GET /v1/node`: who this node is, which key signs its entries from which seq, and which origins
/// it vouches for (those whose envelopes its feed serves).
struct NodeController<Context: RequestContext>: Sendable {
    let node: Node

    func addRoutes(to router: Router<Context>) {
        router.get("/v1/node") { _, _ in try await info() }
    }

    func info() async throws -> Response {
        let snapshot = try await NodeTrust.snapshot(node)
        let rotations = try await node.store.ownRotations().compactMap { try? SignedKeyRotation(bytes: $0).rotation }
        return try Responses.json(
            NodeInfo(
                name: node.origin, displayName: node.config.displayName, level: node.config.level.rawValue,
                region: node.config.region, keys: Self.keys(rotations: rotations, node: node),
                endorsements: snapshot.statements.count, vouches: Self.vouches(snapshot.trust)))
    }

    /// The current key first, then those it rotated away from, newest first, each with the seqs it
    /// signed: a key made by a rotation from that rotation's `fromSeq`, a retired one until the seq
    /// before the rotation that retired it. The current key is the newest rotation's new key, which
    /// a `serve` started before a rotation holds too, though it signs nothing with it until restarted.
    static func keys(rotations: [KeyRotationPayload], node: Node) -> [NodeInfo.Key] {
        let origin = node.origin
        let current = rotations.last.flatMap { try? NodePublicKey(text: $0.newKey) } ?? node.publicKey
        let fromSeq = { (key: NodePublicKey) -> Int64 in
            rotations.last { (try? NodePublicKey(text: $0.newKey)) == key }.map { max($0.fromSeq, 1) } ?? 1
        }
        var keys = [
            NodeInfo.Key(
                keyid: current.keyID(origin: origin), publicKey: current.text, fingerprint: current.fingerprint,
                status: .current, fromSeq: fromSeq(current))
        ]
        for rotation in rotations.reversed() {
            guard let old = try? NodePublicKey(text: rotation.oldKey), old != current,
                !keys.contains(where: { $0.publicKey == old.text })
            else { continue }
            keys.append(
                NodeInfo.Key(
                    keyid: old.keyID(origin: origin), publicKey: old.text, fingerprint: old.fingerprint,
                    status: .retired, fromSeq: fromSeq(old), untilSeq: max(rotation.fromSeq - 1, 0)))
        }
        return Array(keys.prefix(NodeInfo.maxKeys))
    }

    /// Every origin the trust set accepts, with its standing and the key ids it accepts.
    static func vouches(_ trust: TrustSet) -> [NodeInfo.Vouch] {
        trust.origins.prefix(NodeInfo.maxVouches).compactMap { origin in
            guard let standing = trust.standing(of: origin) else { return nil }
            return NodeInfo.Vouch(
                origin: origin, level: standing.level.rawValue, region: standing.region,
                keys: trust.keys(for: origin).map { $0.keyID(origin: origin) }.sorted())
        }
    }
}
