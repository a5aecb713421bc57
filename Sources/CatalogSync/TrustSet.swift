import CatalogCore
import Foundation

/// Which keys the node accepts for which origins, decided from the peers it pinned and the
/// endorsements it holds.
///
/// An origin is trusted when its key is pinned in a peer file, or endorsed by an origin that is
/// itself trusted and may endorse (an agency or the national node), through any chain of such
/// endorsements. An endorsement counts while it is unexpired, unrevoked and verifiably signed.
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

    private var keys: [String: [NodePublicKey]] = [:]
    private var endorsers: Set<String> = []
    private var distrust: [String: Distrust] = [:]

    public init(anchors: [Anchor], endorsements: [SignedEndorsement], now: Date) {
        for anchor in anchors {
            add(anchor.origin, anchor.key, mayEndorse: anchor.mayEndorse)
        }
        var pending = endorsements
        var grew = true
        while grew {
            grew = false
            var next: [SignedEndorsement] = []
            for signed in pending {
                let e = signed.endorsement
                guard endorsers.contains(e.endorser) else {
                    next.append(signed)
                    continue
                }
                guard (keys[e.endorser] ?? []).contains(where: { (try? signed.verify(with: $0)) != nil }) else {
                    continue  // signed by no key the endorser is trusted under: ignore it
                }
                if e.revoked {
                    distrust[e.subject] = .revoked
                    continue
                }
                if signed.isExpired(at: now) {
                    if distrust[e.subject] != .revoked { distrust[e.subject] = .expired }
                    continue
                }
                if add(e.subject, signed.subjectKey, mayEndorse: e.subjectMayEndorse) { grew = true }
            }
            pending = next
        }
        // A revocation by any trusted endorser withdraws that key, whatever else vouches for it.
        for signed in endorsements where signed.endorsement.revoked && endorsers.contains(signed.endorsement.endorser) {
            let subject = signed.endorsement.subject
            if (keys[signed.endorsement.endorser] ?? []).contains(where: { (try? signed.verify(with: $0)) != nil }),
                !anchors.contains(where: { $0.origin == subject && $0.key == signed.subjectKey })
            {
                keys[subject]?.removeAll { $0 == signed.subjectKey }
                if keys[subject]?.isEmpty == true {
                    keys[subject] = nil
                    endorsers.remove(subject)
                    distrust[subject] = .revoked
                }
            }
        }
    }

    @discardableResult
    private mutating func add(_ origin: String, _ key: NodePublicKey, mayEndorse: Bool) -> Bool {
        var changed = false
        if !(keys[origin] ?? []).contains(key) {
            keys[origin, default: []].append(key)
            changed = true
        }
        if mayEndorse && !endorsers.contains(origin) {
            endorsers.insert(origin)
            changed = true
        }
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

    /// Whether `other` trusts an origin or key that this set does not.
    public func isGrown(comparedTo other: TrustSet) -> Bool {
        keys.contains { origin, list in list.contains { !other.keys(for: origin).contains($0) } }
    }
}
