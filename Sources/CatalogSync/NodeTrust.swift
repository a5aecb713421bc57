import CatalogCore
import CatalogNode
import Crypto
import Foundation
import Synchronization

/// The trust a node has now: its own keys, the keys pinned in its peer files, and the endorsement
/// and key rotation statements it holds.
///
/// A computed trust set is kept per database until what it was computed from changes: a statement
/// or own key written by any process (the store's trust version), a peer file, or the clock passing
/// the first expiry the set rests on. Searches, feeds and overviews then reuse it.
public enum NodeTrust {
    public static func current(_ node: Node, now: Date = Date()) async throws -> TrustSet {
        try await snapshot(node, now: now).trust
    }

    /// The trust set with the statements the node serves under it.
    public static func snapshot(_ node: Node, now: Date = Date()) async throws -> Snapshot {
        let inputs = try await Inputs(node)
        if let cached = cache.withLock({ $0[node.directory.database.path] }), cached.inputs == inputs,
            cached.computedAt <= now, cached.snapshot.trust.nextChange.map({ now < $0 }) ?? true
        {
            return cached.snapshot
        }
        let anchors = try await anchors(node)
        let held = try await node.store.endorsements().compactMap { try? SignedEndorsement(bytes: $0.envelope) }
        let rotations = try await node.store.rotations().compactMap { try? SignedKeyRotation(bytes: $0) }
        let trust = TrustSet(anchors: anchors, endorsements: held, rotations: rotations, now: now)
        let served =
            zip(held, trust.statementVerdicts).filter { $0.1 == .entitled }.map(\.0.envelope.bytes)
            + rotations.filter { trust.mayAccept($0) }.map(\.envelope.bytes)
        let snapshot = Snapshot(trust: trust, statements: served, statementsDigest: Snapshot.digest(of: served))
        cache.withLock {
            $0[node.directory.database.path] = Cached(inputs: inputs, computedAt: now, snapshot: snapshot)
        }
        return snapshot
    }

    /// A trust set and the statements a node serves under it on `/v1/endorsements`: those whose
    /// signers it finds entitled to make them. A node relays nothing it would refuse itself.
    public struct Snapshot: Sendable {
        public let trust: TrustSet
        /// Endorsements, then key rotations, as stored.
        public let statements: [Data]
        /// The feed header's `endorsements` field: `sha256:` and the hex SHA-256 over the lines
        /// `hex(sha256(statement)) LF` of the served statements, the lines sorted.
        public let statementsDigest: String

        static func digest(of statements: [Data]) -> String {
            let lines = statements.map { Hex.encode(SHA256.hash(data: $0)) }.sorted()
            var hasher = SHA256()
            for line in lines { hasher.update(data: Data((line + "\n").utf8)) }
            return "sha256:" + Hex.encode(hasher.finalize())
        }
    }

    /// The trust the node would have if it also held `extra` statements: what a pull evaluates
    /// before it decides which of a peer's statements to keep. Never cached.
    public static func candidate(
        _ node: Node, extra: [SignedEndorsement], extraRotations: [SignedKeyRotation], now: Date = Date()
    ) async throws -> TrustSet {
        try await evaluate(node, extra: extra, extraRotations: extraRotations, now: now)
    }

    /// The anchors: the node's own keys (its current one and those it rotated away from) at its own
    /// level and region, and each pinned peer's key at the level and region of its peer file.
    public static func anchors(_ node: Node) async throws -> [TrustSet.Anchor] {
        var anchors = try await node.store.keys(origin: node.origin).compactMap { try? $0.nodePublicKey() }
            .map { TrustSet.Anchor(origin: node.origin, key: $0, level: node.config.level, region: node.config.region) }
        for peer in try PeerDirectory(node.directory).load() {
            anchors.append(.init(origin: peer.name, key: try peer.publicKey(), level: peer.level, region: peer.region))
        }
        return anchors
    }

    private static func evaluate(
        _ node: Node, extra: [SignedEndorsement], extraRotations: [SignedKeyRotation], now: Date
    ) async throws -> TrustSet {
        let anchors = try await anchors(node)
        let held = try await node.store.endorsements().compactMap { try? SignedEndorsement(bytes: $0.envelope) }
        let rotations = try await node.store.rotations().compactMap { try? SignedKeyRotation(bytes: $0) }
        return TrustSet(anchors: anchors, endorsements: held + extra, rotations: rotations + extraRotations, now: now)
    }

    /// What a trust set was computed from, cheap to read again.
    struct Inputs: Equatable {
        let version: Int64
        let peerFiles: [String]
        let level: NodeLevel
        let region: String

        init(_ node: Node) async throws {
            version = try await node.store.trustVersion()
            let directory = PeerDirectory(node.directory).url
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            peerFiles = names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
                let attributes = try? FileManager.default.attributesOfItem(
                    atPath: directory.appendingPathComponent(name).path)
                let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
                let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                return "\(name) \(size) \(modified)"
            }
            level = node.config.level
            region = node.config.region
        }
    }

    struct Cached: Sendable {
        let inputs: Inputs
        let computedAt: Date
        let snapshot: Snapshot
    }

    private static let cache = Mutex<[String: Cached]>([:])
}

extension NodeTrust.Inputs: Sendable {}
