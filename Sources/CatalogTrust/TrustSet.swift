import CatalogCore
import Crypto
import Foundation

/// Which keys the node accepts for which origins and seqs, decided from the keys it pinned (its
/// anchors) and the endorsement and key rotation statements it holds. The rules are those of
/// docs/PROTOCOL.md, "Trust":
///
/// - An anchor (the node's own key, or a key pinned in a peer file) is trusted at the level and
///   region the operator gave it. Statements by others never add keys to, or remove keys from, an
///   anchored origin.
/// - An endorsement counts when it is signed by a key of its endorser that may endorse (an
///   agency's or the national node's, not retired), and its level and region lie within that key's
///   (`NodeLevel.mayEndorse(_:in:from:)`). It makes the subject's key trusted at that level and
///   region, through any chain.
/// - A revocation withdraws only its endorser's own endorsement of that key, and with it whatever
///   rested on it.
/// - A key rotation signed by both keys retires the old key, which then signs nothing (the
///   rotating node re-signed its catalog under the new key), and makes the new key valid from
///   `fromSeq` on, wherever the old key was trusted, at its level and region. Two different
///   rotations of one key void each other: the key is retired, and neither new key gains anything
///   from them.
///
/// Evaluation takes linear time in the statements held: every signature is checked once, on all
/// cores, against the keys its key id names, and each statement is visited once per key that
/// grants its endorser the right to endorse.
public struct TrustSet: Sendable {
    /// A key the node starts from: its own, or one pinned in a peer file.
    public struct Anchor: Sendable {
        public let origin: String
        public let key: NodePublicKey
        public let level: NodeLevel
        public let region: String

        public init(origin: String, key: NodePublicKey, level: NodeLevel, region: String) {
            self.origin = origin
            self.key = key
            self.level = level
            self.region = region
        }
    }

    /// One reason to accept a key for an origin, and for which seqs.
    public struct Grant: Sendable, Hashable {
        public let origin: String
        public let key: NodePublicKey
        public let level: NodeLevel
        public let region: String
        /// The first seq the key may sign (1 unless a rotation made it the new key). A key a
        /// rotation retired signs nothing and has no grant of its own (`TrustSet.retiredKeys`).
        public let fromSeq: Int64
        /// The endorser whose statement the grant rests on; nil for an anchor.
        public let endorser: String?
        /// When the endorsement it rests on expires; nil for an anchor.
        public let expires: Date?
        /// The level of the endorser's own grant; nil for an anchor. A pin outranks the national
        /// node's word, which outranks an agency's, when they disagree about an origin's region.
        public let vouchedAt: NodeLevel?

        var rank: Int {
            switch vouchedAt {
            case nil: return 3
            case .national: return 2
            case .agency: return 1
            case .cluster: return 0
            }
        }

        public func covers(_ seq: Int64) -> Bool { seq >= fromSeq }

        public var mayEndorse: Bool { level.mayEndorse }

        public var isAnchor: Bool { endorser == nil }
    }

    /// Why an origin is not trusted, for the refusal log.
    public enum Distrust: Sendable, Equatable {
        case unknown
        case expired
        case revoked
    }

    /// What the node makes of one endorsement statement.
    public enum StatementVerdict: Sendable, Equatable {
        /// Signed by a key its endorser may endorse with, within that key's level and region: the
        /// node stores and relays it (whether it is in force is another matter: it may be expired,
        /// superseded or a revocation).
        case entitled
        /// No key the node trusts for the endorser signed it: it proves nothing.
        case unverified
        /// Signed by a trusted key of its endorser, who may not say this.
        case notEntitled(String)
    }

    private var grants: [String: [Grant]] = [:]
    private var retiredGrants: [String: [Grant]] = [:]
    private var distrust: [String: Distrust] = [:]
    /// The verdict on each endorsement passed to `init`, in the same order.
    public private(set) var statementVerdicts: [StatementVerdict] = []
    /// For each endorsement passed to `init`, the key of its endorser its signature verifies under
    /// (among those that could ever be trusted), if any: what to store beside it.
    public private(set) var statementSigners: [NodePublicKey?] = []
    /// When the set changes by itself: the earliest expiry of an endorsement it rests on.
    public private(set) var nextChange: Date?
    /// Origins with two different rotations of one key: their old key was stolen or misused.
    public private(set) var conflictedRotations: Set<String> = []
    /// Origins whose equally ranked grants disagree about their region: trusted through none.
    public private(set) var disputedOrigins: Set<String> = []

    /// - Parameter signers: for each endorsement (in order, possibly fewer), the key this node
    ///   checked its signature under before, if it did: it is not checked again. The key must be
    ///   one the statement's key ids name.
    public init(
        anchors: [Anchor], endorsements: [SignedEndorsement], rotations: [SignedKeyRotation] = [],
        signers: [NodePublicKey?] = [], now: Date
    ) {
        self = TrustEvaluation(
            anchors: anchors, endorsements: endorsements, rotations: rotations, knownSigners: signers, now: now
        ).result()
    }

    fileprivate init(
        grants: [String: [Grant]], retiredGrants: [String: [Grant]], distrust: [String: Distrust],
        verdicts: [StatementVerdict], signers: [NodePublicKey?], nextChange: Date?, conflicted: Set<String>,
        disputed: Set<String>
    ) {
        self.retiredGrants = retiredGrants
        self.statementSigners = signers
        self.grants = grants
        self.distrust = distrust
        self.statementVerdicts = verdicts
        self.nextChange = nextChange
        self.conflictedRotations = conflicted
        self.disputedOrigins = disputed
    }

    /// Every key trusted for `origin` for some seq; empty when it is not trusted.
    public func keys(for origin: String) -> [NodePublicKey] {
        var seen: Set<NodePublicKey> = []
        return (grants[origin] ?? []).map(\.key).filter { seen.insert($0).inserted }
    }

    /// The keys that may sign `origin`'s envelope with this seq (the head of a catalog that never
    /// had an entry has seq 0, which counts as 1).
    public func keys(for origin: String, seq: Int64) -> [NodePublicKey] {
        var seen: Set<NodePublicKey> = []
        return (grants[origin] ?? []).filter { $0.covers(max(seq, 1)) }.map(\.key).filter { seen.insert($0).inserted }
    }

    /// The first seq `key` may sign for `origin` (later than 1 for a key a rotation made).
    public func firstSeq(of key: NodePublicKey, origin: String) -> Int64? {
        (grants[origin] ?? []).filter { $0.key == key }.map(\.fromSeq).min()
    }

    /// Keys of `origin` that would be trusted but for a rotation that retired them.
    public func retiredKeys(for origin: String) -> [NodePublicKey] {
        var seen: Set<NodePublicKey> = []
        return (retiredGrants[origin] ?? []).map(\.key).filter { seen.insert($0).inserted }
    }

    public func grants(for origin: String) -> [Grant] { grants[origin] ?? [] }

    /// The grant an origin's standing (level and region) is taken from: a pin first, then the
    /// highest level endorsed, then the latest expiry.
    public func standing(of origin: String) -> Grant? {
        grants(for: origin).max { a, b in
            if a.isAnchor != b.isAnchor { return b.isAnchor }
            if a.level != b.level { return a.level < b.level }
            return (a.expires ?? .distantFuture) < (b.expires ?? .distantFuture)
        }
    }

    public func isTrusted(_ origin: String) -> Bool { !(grants[origin] ?? []).isEmpty }

    /// Why `origin` is not trusted.
    public func distrust(of origin: String) -> Distrust { distrust[origin] ?? .unknown }

    /// Every trusted origin, sorted.
    public var origins: [String] { grants.keys.sorted() }

    /// Whether a key rotation may be stored: signed by both keys, one of which stands for its
    /// origin (trusted, or retired by a rotation the node trusts).
    public func mayAccept(_ rotation: SignedKeyRotation) -> Bool {
        let origin = rotation.rotation.origin
        let standing = keys(for: origin) + retiredKeys(for: origin)
        return rotation.isSignedByBothKeys && (standing.contains(rotation.oldKey) || standing.contains(rotation.newKey))
    }

    /// A digest of what is trusted (origins, keys, seq ranges, levels and regions): a peer's cursor
    /// is only valid for the trust it was advanced under.
    public var digest: String {
        var lines: [String] = []
        for (origin, list) in grants {
            for grant in list {
                lines.append(
                    "\(origin) \(grant.key.fingerprint) \(grant.level.rawValue) \(grant.region) \(grant.fromSeq)")
            }
        }
        var hasher = SHA256()
        for line in Set(lines).sorted() { hasher.update(data: Data((line + "\n").utf8)) }
        return "sha256:" + Hex.encode(hasher.finalize())
    }
}

/// An origin and one of its keys.
struct OriginAndKey: Hashable, Sendable {
    let origin: String
    let key: NodePublicKey
}

/// One evaluation of a trust set; see `TrustSet` for the rules.
///
/// Revocations make trust non-monotone (a revocation counts only if its signer is trusted, and
/// may withdraw that very trust), so it is settled in three passes, each linear: (1) the closure
/// of the anchors under every endorsement in scope, revocations ignored; (2) for each endorser,
/// subject and key, the statement in force is the one of highest precedence (a revocation, else
/// the latest `issued`) among those signed by a key that may endorse in (1); (3) the closure under
/// the statements in force alone. What (3) trusts is the result.
private struct TrustEvaluation {
    struct Triple: Hashable {
        let endorser: String
        let subject: String
        let key: NodePublicKey
    }

    struct Pass {
        var grants: [String: [TrustSet.Grant]] = [:]
        /// Grants of keys a rotation retired: the standing they handed on.
        var retiredGrants: [String: [TrustSet.Grant]] = [:]
        var granted: Set<TrustSet.Grant> = []
        /// Every origin and key with a grant.
        var seen: Set<OriginAndKey> = []
        /// The keys that may endorse, with the grants that say within what.
        var endorsers: [OriginAndKey: [TrustSet.Grant]] = [:]
        var entitled: [Bool]
        /// The key under whose grant each entitled statement counts.
        var entitledBy: [Int: NodePublicKey] = [:]
        var outOfScope: [Int: String] = [:]
        var expiredSubjects: Set<String> = []

        init(count: Int) { entitled = Array(repeating: false, count: count) }
    }

    let anchors: [TrustSet.Anchor]
    let anchored: Set<String>
    let statements: [SignedEndorsement]
    /// Each statement's `issued` and `expires`, parsed once.
    let issued: [Date]
    let expires: [Date]
    let now: Date
    /// For each statement, the keys of its endorser (among those that could ever be trusted) whose
    /// signature on it verifies.
    var signers: [[NodePublicKey]] = []
    var bySigner: [OriginAndKey: [Int]] = [:]
    /// Rotations in force, by origin and old key.
    var rotationFrom: [OriginAndKey: SignedKeyRotation] = [:]
    /// Keys a rotation retired: they sign nothing any more.
    var retired: Set<OriginAndKey> = []
    var validFrom: [OriginAndKey: Int64] = [:]
    var conflicted: Set<String> = []

    init(
        anchors: [TrustSet.Anchor], endorsements: [SignedEndorsement], rotations: [SignedKeyRotation],
        knownSigners: [NodePublicKey?], now: Date
    ) {
        self.anchors = anchors
        self.anchored = Set(anchors.map(\.origin))
        self.statements = endorsements
        self.issued = endorsements.map { Timestamp.parse($0.endorsement.issued) ?? .distantPast }
        self.expires = endorsements.map { Timestamp.parse($0.endorsement.expires) ?? .distantPast }
        self.now = now
        settleRotations(rotations.filter(\.isSignedByBothKeys))
        verifySignatures(extraKeys: rotations, known: knownSigners)
    }

    /// A rotation is one key's own statement: only its holder can retire it, only the new key's
    /// holder can bind the new key to `fromSeq`; so each applies whether or not the key is trusted.
    mutating func settleRotations(_ rotations: [SignedKeyRotation]) {
        var byOldKey: [OriginAndKey: [SignedKeyRotation]] = [:]
        for rotation in rotations {
            byOldKey[OriginAndKey(origin: rotation.rotation.origin, key: rotation.oldKey), default: []].append(rotation)
        }
        for (old, list) in byOldKey {
            let distinct = Set(list.map { "\($0.newKey.fingerprint) \($0.rotation.fromSeq)" })
            retired.insert(old)
            if distinct.count == 1, let only = list.first {
                rotationFrom[old] = only
            } else {
                conflicted.insert(old.origin)
            }
            for rotation in list {
                let new = OriginAndKey(origin: old.origin, key: rotation.newKey)
                validFrom[new] = max(validFrom[new] ?? 1, rotation.rotation.fromSeq)
            }
        }
    }

    /// Checks every statement's signatures once, against the keys its key ids name, on all cores;
    /// a statement whose signer is `known` is taken as signed by that key.
    mutating func verifySignatures(extraKeys rotations: [SignedKeyRotation], known: [NodePublicKey?]) {
        var candidates: [String: [NodePublicKey]] = [:]  // key id → keys
        func note(_ origin: String, _ key: NodePublicKey) {
            let id = key.keyID(origin: origin)
            if !(candidates[id] ?? []).contains(key) { candidates[id, default: []].append(key) }
        }
        for anchor in anchors { note(anchor.origin, anchor.key) }
        for statement in statements { note(statement.endorsement.subject, statement.subjectKey) }
        for rotation in rotations {
            note(rotation.rotation.origin, rotation.oldKey)
            note(rotation.rotation.origin, rotation.newKey)
        }
        let statements = self.statements
        let keysByID = candidates
        var results = [[NodePublicKey]](repeating: [], count: statements.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, statements.count / 64))
        let chunk = (statements.count + workers - 1) / max(1, workers)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let range = (worker * chunk)..<min(statements.count, (worker + 1) * chunk)
                for index in range {
                    let envelope = statements[index].envelope
                    let endorser = statements[index].endorsement.endorser
                    if index < known.count, let signer = known[index] {
                        let id = signer.keyID(origin: endorser)
                        if envelope.signatures.contains(where: { $0.keyid == id }) {
                            output[index] = [signer]
                            continue
                        }
                    }
                    var verified: [NodePublicKey] = []
                    for signature in envelope.signatures where signature.keyid.hasPrefix(endorser + "#") {
                        for key in keysByID[signature.keyid] ?? []
                        where !verified.contains(key) && envelope.isSigned(by: key, keyID: signature.keyid) {
                            verified.append(key)
                        }
                    }
                    output[index] = verified
                }
            }
        }
        signers = results
        for (index, keys) in results.enumerated() {
            for key in keys {
                bySigner[OriginAndKey(origin: statements[index].endorsement.endorser, key: key), default: []].append(
                    index)
            }
        }
    }

    func result() -> TrustSet {
        let first = closure(blocked: [], inForce: nil)
        var blocked: Set<Triple> = []
        var inForce: [Triple: Int] = [:]
        var best: [Triple: Int] = [:]
        for (index, statement) in statements.enumerated() {
            let e = statement.endorsement
            let counts =
                e.revoked
                ? signers[index].contains { first.endorsers[OriginAndKey(origin: e.endorser, key: $0)] != nil }
                : first.entitled[index]
            guard counts else { continue }
            let triple = Triple(endorser: e.endorser, subject: e.subject, key: statement.subjectKey)
            if let current = best[triple], !precedes(index, current) { continue }
            best[triple] = index
        }
        for (triple, index) in best {
            if statements[index].endorsement.revoked { blocked.insert(triple) } else { inForce[triple] = index }
        }
        var excluded: Set<Exclusion> = []
        var disputed: Set<String> = []
        var last = closure(blocked: blocked, inForce: inForce)
        // Settle disagreements about regions; each round only removes grants, and a few suffice.
        for _ in 0..<4 {
            let (more, origins) = Self.disputes(in: last)
            if more.isSubset(of: excluded) { break }
            excluded.formUnion(more)
            disputed.formUnion(origins)
            last = closure(blocked: blocked, inForce: inForce, excluded: excluded)
        }
        disputed = disputed.filter { last.grants[$0] == nil }

        var distrust: [String: TrustSet.Distrust] = [:]
        for subject in last.expiredSubjects where last.grants[subject] == nil { distrust[subject] = .expired }
        for triple in blocked where last.grants[triple.subject] == nil { distrust[triple.subject] = .revoked }
        var verdicts: [TrustSet.StatementVerdict] = []
        verdicts.reserveCapacity(statements.count)
        for (index, statement) in statements.enumerated() {
            let e = statement.endorsement
            let trustedSigners = signers[index].filter {
                last.seen.contains(OriginAndKey(origin: e.endorser, key: $0))
            }
            if e.revoked {
                // A revocation is entitled when its signer may endorse in the first pass: it may be
                // what withdrew that very right.
                let signer = signers[index].contains {
                    first.endorsers[OriginAndKey(origin: e.endorser, key: $0)] != nil
                }
                verdicts.append(
                    signer
                        ? .entitled
                        : trustedSigners.isEmpty ? .unverified : .notEntitled("\(e.endorser) may not endorse or revoke")
                )
            } else if last.entitled[index] {
                verdicts.append(.entitled)
            } else if trustedSigners.isEmpty {
                verdicts.append(.unverified)
            } else {
                verdicts.append(.notEntitled(last.outOfScope[index] ?? "\(e.endorser) may not endorse"))
            }
        }
        // Any expiry of a statement that counts in some pass may change the result, not only
        // those of the grants that survive.
        let nextChange = statements.indices.filter { first.entitled[$0] && expires[$0] > now }.map { expires[$0] }
            .min()
        // What to store beside each statement: the key under which it is entitled, else the first
        // that verifies (a signature by another key the statement names proves nothing more).
        let chosenSigners: [NodePublicKey?] = statements.indices.map { index in
            if let key = last.entitledBy[index] ?? first.entitledBy[index] { return key }
            let e = statements[index].endorsement
            return signers[index].first { first.endorsers[OriginAndKey(origin: e.endorser, key: $0)] != nil }
                ?? signers[index].first
        }
        return TrustSet(
            grants: last.grants, retiredGrants: last.retiredGrants, distrust: distrust, verdicts: verdicts,
            signers: chosenSigners, nextChange: nextChange, conflicted: conflicted, disputed: disputed)
    }

    /// A grant left out because a higher-ranked one disagrees about its origin's region.
    struct Exclusion: Hashable {
        let origin: String
        let key: NodePublicKey
        let endorser: String?

        init(_ grant: TrustSet.Grant) {
            origin = grant.origin
            key = grant.key
            endorser = grant.endorser
        }
    }

    /// The grants that lose a disagreement about their origin's region, and the origins disputed
    /// between equals.
    static func disputes(in pass: Pass) -> (Set<Exclusion>, Set<String>) {
        var losing: Set<Exclusion> = []
        var disputed: Set<String> = []
        for (origin, grants) in pass.grants where Set(grants.map(\.region)).count > 1 {
            let top = grants.map(\.rank).max() ?? 0
            let topRegions = Set(grants.filter { $0.rank == top }.map(\.region))
            if topRegions.count == 1, let region = topRegions.first {
                losing.formUnion(grants.filter { $0.region != region }.map(Exclusion.init))
            } else {
                disputed.insert(origin)
                losing.formUnion(grants.map(Exclusion.init))
            }
        }
        return (losing, disputed)
    }

    /// Whether `a` takes precedence over `b` about the same endorser, subject and key: a revocation
    /// over anything, else the later `issued`, else (for a deterministic answer) the smaller bytes.
    func precedes(_ a: Int, _ b: Int) -> Bool {
        let first = statements[a]
        let second = statements[b]
        if first.endorsement.revoked != second.endorsement.revoked { return first.endorsement.revoked }
        if issued[a] != issued[b] { return issued[a] > issued[b] }
        return first.envelope.bytes.lexicographicallyPrecedes(second.envelope.bytes)
    }

    /// The closure of the anchors. With `inForce` nil, every unrevoked endorsement in scope counts
    /// (pass 1); else only the statement in force for each endorser, subject and key, and none
    /// that is `blocked` (pass 3).
    func closure(blocked: Set<Triple>, inForce: [Triple: Int]?, excluded: Set<Exclusion> = []) -> Pass {
        var pass = Pass(count: statements.count)
        var pending: [TrustSet.Grant] = anchors.map {
            TrustSet.Grant(
                origin: $0.origin, key: $0.key, level: $0.level, region: $0.region, fromSeq: 1,
                endorser: nil, expires: nil, vouchedAt: nil)
        }
        pending.reverse()
        while let proposed = pending.popLast() {
            let originKey = OriginAndKey(origin: proposed.origin, key: proposed.key)
            // Anchors are the operator's decision alone.
            if proposed.endorser != nil && anchored.contains(proposed.origin) { continue }
            if excluded.contains(Exclusion(proposed)) { continue }
            let grant = TrustSet.Grant(
                origin: proposed.origin, key: proposed.key, level: proposed.level, region: proposed.region,
                fromSeq: max(proposed.fromSeq, validFrom[originKey] ?? 1), endorser: proposed.endorser,
                expires: proposed.expires, vouchedAt: proposed.vouchedAt)
            guard pass.granted.insert(grant).inserted else { continue }
            // A retired key signs nothing (its node re-signed everything under the new key), but it
            // hands its standing to the key it rotated to.
            let signsSomething = !retired.contains(originKey)
            if signsSomething {
                pass.grants[grant.origin, default: []].append(grant)
                pass.seen.insert(originKey)
            } else {
                pass.retiredGrants[grant.origin, default: []].append(grant)
            }

            if let rotation = rotationFrom[originKey],
                !(grant.endorser.map {
                    blocked.contains(Triple(endorser: $0, subject: grant.origin, key: rotation.newKey))
                } ?? false)
            {
                pending.append(
                    TrustSet.Grant(
                        origin: grant.origin, key: rotation.newKey, level: grant.level, region: grant.region,
                        fromSeq: rotation.rotation.fromSeq, endorser: grant.endorser,
                        expires: grant.expires, vouchedAt: grant.vouchedAt))
            }
            guard signsSomething, grant.mayEndorse else { continue }
            pass.endorsers[originKey, default: []].append(grant)
            for index in bySigner[originKey] ?? [] {
                let statement = statements[index]
                let e = statement.endorsement
                guard !e.revoked else { continue }
                guard let level = NodeLevel(rawValue: e.level), Vocabularies.regions.contains(e.region),
                    grant.level.mayEndorse(level, in: e.region, from: grant.region)
                else {
                    pass.outOfScope[index] =
                        "\(e.endorser) (\(grant.level.rawValue), \(grant.region)) may not endorse "
                        + "\(e.subject) as \(e.level) in \(e.region)"
                    continue
                }
                pass.entitled[index] = true
                if pass.entitledBy[index] == nil { pass.entitledBy[index] = grant.key }
                let triple = Triple(endorser: e.endorser, subject: e.subject, key: statement.subjectKey)
                if blocked.contains(triple) { continue }
                if let inForce, inForce[triple] != index { continue }
                if expires[index] <= now {
                    pass.expiredSubjects.insert(e.subject)
                    continue
                }
                pending.append(
                    TrustSet.Grant(
                        origin: e.subject, key: statement.subjectKey, level: level, region: e.region, fromSeq: 1,
                        endorser: e.endorser, expires: expires[index],
                        vouchedAt: grant.level))
            }
        }
        return pass
    }
}
