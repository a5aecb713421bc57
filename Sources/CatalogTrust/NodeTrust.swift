import CatalogCore
import CatalogNode
import CatalogStore
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
        let (anchors, held, signers, rotations) = try await held(node)
        let trust = TrustSet(anchors: anchors, endorsements: held, rotations: rotations, signers: signers, now: now)
        // Within what a puller accepts, whatever an older database holds.
        let entitled: [Data] = zip(held, trust.statementVerdicts).filter { $0.1 == TrustSet.StatementVerdict.entitled }
            .map {
                $0.0.envelope.bytes
            }
        let rotationsServed: [Data] = rotations.filter { trust.mayAccept($0) }.map(\.envelope.bytes)
        let served =
            Array(entitled.prefix(StatementLimits.endorsements))
            + Array(rotationsServed.prefix(StatementLimits.rotations))
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

    /// The trust the node would have if it also held `extra` statements, and the verdict on each
    /// of them: what a pull evaluates before it decides which of a peer's statements to keep.
    /// Never cached.
    public static func candidate(
        _ node: Node, extra: [SignedEndorsement], extraRotations: [SignedKeyRotation], now: Date = Date()
    ) async throws -> Candidate {
        let (anchors, held, signers, rotations) = try await held(node)
        // An offered statement counts only where it would replace what is held, as the store
        // decides: a replayed endorsement the node holds a revocation of proves nothing.
        var newest: [String: SignedEndorsement] = [:]
        for signed in held { newest[tripleKey(signed)] = signed }
        let replaces = extra.map { offered in newest[tripleKey(offered)].map { offered.supersedes($0) } ?? true }
        let fresh = zip(extra, replaces).filter(\.1).map(\.0)
        let trust = TrustSet(
            anchors: anchors, endorsements: held + fresh, rotations: rotations + extraRotations, signers: signers,
            now: now)
        var verdicts: [TrustSet.StatementVerdict?] = []
        var chosen: [NodePublicKey?] = []
        var position = held.count
        for replacing in replaces {
            if replacing {
                verdicts.append(trust.statementVerdicts[position])
                chosen.append(trust.statementSigners[position])
                position += 1
            } else {
                verdicts.append(nil)
                chosen.append(nil)
            }
        }
        return Candidate(trust: trust, verdicts: verdicts, signers: chosen)
    }

    /// A trust set with offered statements, and what it makes of each of them.
    public struct Candidate: Sendable {
        public let trust: TrustSet
        /// For each offered statement, its verdict; nil when the node holds it or something that
        /// supersedes it (nothing to store, nothing to refuse).
        public let verdicts: [TrustSet.StatementVerdict?]
        /// For each offered statement, the key to store as its signer.
        public let signers: [NodePublicKey?]
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

    private static func tripleKey(_ signed: SignedEndorsement) -> String {
        "\(signed.endorsement.endorser) \(signed.endorsement.subject) \(signed.subjectKey.fingerprint)"
    }

    /// What trust is computed from: the anchors, the endorsement statements held with the keys
    /// their signatures were checked under, and the key rotations held.
    private static func held(_ node: Node) async throws -> (
        anchors: [TrustSet.Anchor], statements: [SignedEndorsement], signers: [NodePublicKey?],
        rotations: [SignedKeyRotation]
    ) {
        var statements: [SignedEndorsement] = []
        var signers: [NodePublicKey?] = []
        for stored in try await node.store.endorsements() {
            guard let signed = try? SignedEndorsement(bytes: stored.envelope) else { continue }
            statements.append(signed)
            signers.append(stored.signer)
        }
        let rotations = try await node.store.rotations().compactMap { try? SignedKeyRotation(bytes: $0) }
        return (try await anchors(node), statements, signers, rotations)
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
            // The files' contents, hashed: they are small, and a copy that keeps size and time
            // must still count as a change.
            peerFiles = names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
                let data = (try? Data(contentsOf: directory.appendingPathComponent(name))) ?? Data()
                return "\(name) \(Hex.encode(SHA256.hash(data: data)))"
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
