import CatalogCore
import Foundation

/// Which keys the node accepts for which origins, decided from the peers it pinned and the
/// endorsements it holds.
///
/// An origin's key is trusted when it is pinned in a peer file (an anchor), or endorsed with a key
/// that is itself trusted and may endorse (an agency's or the national node's), through any chain.
/// An endorsement counts while it is unexpired and verifiably signed; a revocation by a key that may
/// endorse removes the revoked key and everything that depended on it. Anchors, and the node's own
/// origin, are never changed by endorsements.
public struct TrustSet: Sendable {
    /// A key the node starts from: its own, or one pinned in a peer file.
    public struct Anchor: Sendable {
        public let origin: String
        public let key: NodePublicKey
        public let mayEndorse: Bool

        public init(origin: String, key: NodePublicKey, mayEndorse: Bool) {
            self.origin = origin
            self.key = key
            self.mayEndorse = mayEndorse
        }
    }

    /// Why an origin is not trusted, for the refusal log.
    public enum Distrust: Sendable, Equatable {
        case unknown
        case expired
        case revoked
    }

    struct Grant: Hashable {
        let origin: String
        let key: NodePublicKey
    }

    private var keys: [String: [NodePublicKey]] = [:]
    /// The keys that may sign endorsements, with the origin they may endorse as.
    private var endorserKeys: Set<Grant> = []
    private var distrust: [String: Distrust] = [:]

    /// - Parameter rotations: origins' key rotations; one signed by both keys makes the new key as
    ///   trusted as the old one (anchored origins included), unless the new key was revoked.
    public init(anchors: [Anchor], endorsements: [SignedEndorsement], rotations: [SignedKeyRotation] = [], now: Date) {
        let anchored = Set(anchors.map(\.origin))
        let statements = endorsements.filter { !anchored.contains($0.endorsement.subject) }
        let rotations = rotations.filter(\.isSignedByBothKeys)
        // Revocations count when signed by a key that may endorse. Which keys may endorse depends on
        // the revocations in turn, so settle both together (a few rounds always suffice in practice).
        var revoked: Set<Grant> = []
        var result = TrustSet(
            anchors: anchors, statements: statements, rotations: rotations, revoked: revoked, now: now)
        for _ in 0..<8 {
            let next = Set(
                statements.filter { $0.endorsement.revoked && result.maySign($0) }
                    .map { Grant(origin: $0.endorsement.subject, key: $0.subjectKey) })
            if next == revoked { break }
            revoked = next
            result = TrustSet(
                anchors: anchors, statements: statements, rotations: rotations, revoked: revoked, now: now)
        }
        self = result
    }

    /// The closure of `anchors` under the unrevoked, unexpired endorsements in `statements`.
    private init(
        anchors: [Anchor], statements: [SignedEndorsement], rotations: [SignedKeyRotation], revoked: Set<Grant>,
        now: Date
    ) {
        for anchor in anchors {
            add(anchor.origin, anchor.key, mayEndorse: anchor.mayEndorse)
        }
        var pending = statements.filter { !$0.endorsement.revoked }
        var grew = true
        while grew {
            grew = false
            var deferred: [SignedEndorsement] = []
            for signed in pending {
                let e = signed.endorsement
                guard maySign(signed) else {
                    deferred.append(signed)  // its signer may become trusted in a later round
                    continue
                }
                if revoked.contains(Grant(origin: e.subject, key: signed.subjectKey)) {
                    if !isTrusted(e.subject) { distrust[e.subject] = .revoked }
                } else if signed.isExpired(at: now) {
                    if !isTrusted(e.subject) && distrust[e.subject] != .revoked { distrust[e.subject] = .expired }
                } else if add(e.subject, signed.subjectKey, mayEndorse: e.subjectMayEndorse) {
                    grew = true
                }
            }
            pending = deferred
            for rotation in rotations {
                let origin = rotation.rotation.origin
                guard (keys[origin] ?? []).contains(rotation.oldKey),
                    !revoked.contains(Grant(origin: origin, key: rotation.newKey))
                else { continue }
                let mayEndorse = endorserKeys.contains(Grant(origin: origin, key: rotation.oldKey))
                if add(origin, rotation.newKey, mayEndorse: mayEndorse) { grew = true }
            }
        }
        for grant in revoked where !isTrusted(grant.origin) { distrust[grant.origin] = .revoked }
    }

    /// Whether a statement is signed by a key that may endorse as its endorser.
    private func maySign(_ signed: SignedEndorsement) -> Bool {
        endorserKeys.contains { $0.origin == signed.endorsement.endorser && (try? signed.verify(with: $0.key)) != nil }
    }

    @discardableResult
    private mutating func add(_ origin: String, _ key: NodePublicKey, mayEndorse: Bool) -> Bool {
        var changed = false
        if !(keys[origin] ?? []).contains(key) {
            keys[origin, default: []].append(key)
            changed = true
        }
        if mayEndorse && endorserKeys.insert(Grant(origin: origin, key: key)).inserted { changed = true }
        distrust[origin] = nil
        return changed
    }

    /// The keys accepted for `origin`; empty when it is not trusted.
    public func keys(for origin: String) -> [NodePublicKey] { keys[origin] ?? [] }

    public func isTrusted(_ origin: String) -> Bool { !(keys[origin] ?? []).isEmpty }

    /// Why `origin` is not trusted.
    public func distrust(of origin: String) -> Distrust { distrust[origin] ?? .unknown }

    /// Every trusted origin, sorted.
    public var origins: [String] { keys.keys.sorted() }

    /// A digest of what is trusted (origins, keys, and which may endorse): a peer's cursor is only
    /// valid for the trust it was advanced under.
    public var digest: String {
        let lines = keys.keys.sorted().flatMap { origin in
            (keys[origin] ?? []).map { key in
                CatalogDigest.Line(
                    id: origin, seq: endorserKeys.contains(Grant(origin: origin, key: key)) ? 1 : 0,
                    payloadHash: key.fingerprint)
            }
        }
        return CatalogDigest.compute(lines)
    }
}
