import CatalogCore
import CatalogNode
import CatalogTrust
import Foundation

/// Names, levels and regions of the origins a node knows, as the node itself trusts them: the
/// level and region of an origin come from the pin or endorsement that makes it trusted (never from
/// a statement the node does not count), its display name from its peer file or the node's own
/// config.
public struct OriginDirectory: Sendable {
    public struct Info: Sendable {
        public let displayName: String
        public let level: String
        public let region: String
    }

    public private(set) var infos: [String: Info] = [:]
    /// The origins the node trusts, whether or not their catalogs arrived.
    public private(set) var trusted: [String] = []
    public let trust: TrustSet

    public init(node: Node, now: Date = Date()) async throws {
        trust = try await NodeTrust.current(node, now: now)
        var names: [String: String] = [:]
        for peer in try PeerDirectory(node.directory).load() { names[peer.name] = peer.displayName }
        names[node.origin] = node.config.displayName
        trusted = trust.origins
        for origin in trusted {
            guard let standing = trust.standing(of: origin) else { continue }
            infos[origin] = Info(
                displayName: names[origin] ?? origin, level: standing.level.rawValue, region: standing.region)
        }
        infos[node.origin] = Info(
            displayName: node.config.displayName, level: node.config.level.rawValue, region: node.config.region)
    }

    /// What the node knows of `origin`; an origin it does not trust is `untrusted`, without region.
    public func info(_ origin: String) -> Info {
        infos[origin] ?? Info(displayName: origin, level: "untrusted", region: "")
    }

    /// The key the node trusts for the envelope's origin and seq that its signature verifies
    /// under, checked now; nil when none does.
    public func signer(of signed: SignedEntry) -> NodePublicKey? {
        trust.keys(for: signed.origin, seq: signed.seq).first { (try? signed.verify(with: $0)) != nil }
    }
}
