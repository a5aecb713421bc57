import CatalogCore
import CatalogNode
import Foundation
import Yams

/// A peer this node pulls from, pinned in `peers/NAME.yaml` of the data directory. The format is
/// documented in the repository's `peers/README.md`.
public struct PeerFile: Codable, Sendable, Equatable {
    /// How the peer's TLS certificate is trusted.
    public enum TLSTrust: Codable, Sendable, Equatable {
        /// Certificates chaining to the CA in this file (beside the peer file), host name checked.
        case ca(file: String)
        /// Exactly this self-signed certificate (beside the peer file); the host name is not checked,
        /// the pin is the identity.
        case pinnedCertificate(file: String)
        /// The system's trust roots, host name checked.
        case system

        enum CodingKeys: String, CodingKey { case ca, pinnedCertificate, system }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let file = try c.decodeIfPresent(String.self, forKey: .ca) {
                self = .ca(file: file)
            } else if let file = try c.decodeIfPresent(String.self, forKey: .pinnedCertificate) {
                self = .pinnedCertificate(file: file)
            } else if try c.decodeIfPresent(Bool.self, forKey: .system) == true {
                self = .system
            } else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: c.codingPath,
                        debugDescription: "needs ca: FILE, pinnedCertificate: FILE or system: true"))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .ca(let file): try c.encode(file, forKey: .ca)
            case .pinnedCertificate(let file): try c.encode(file, forKey: .pinnedCertificate)
            case .system: try c.encode(true, forKey: .system)
            }
        }
    }

    /// The peer's origin name.
    public var name: String
    public var displayName: String
    /// The base URL, `https://host:port` (or `http://127.0.0.1:port` for a node behind a local proxy).
    public var url: String
    public var level: NodeLevel
    public var region: String
    /// The peer's Ed25519 public key, `ed25519:BASE64`.
    public var key: String
    public var tls: TLSTrust
    public var pinnedAt: String

    public init(
        name: String, displayName: String, url: String, level: NodeLevel, region: String, key: NodePublicKey,
        tls: TLSTrust, pinnedAt: String
    ) {
        self.name = name
        self.displayName = displayName
        self.url = url
        self.level = level
        self.region = region
        self.key = key.text
        self.tls = tls
        self.pinnedAt = pinnedAt
    }

    public func publicKey() throws -> NodePublicKey {
        try NodePublicKey(text: key)
    }

    /// The file's text: the values with a comment saying what each is.
    public func yaml() throws -> String {
        let body: String
        do {
            body = try YAMLEncoder().encode(self)
        } catch {
            throw CatalogError(.io, "cannot write the peer file of \(name): \(error)")
        }
        return """
            # Peer \(name): pulled from by this node. Written by `clusternode peers add`; see peers/README.md.
            # key is the peer's pinned Ed25519 key: entries signed by \(name) are accepted under it.
            # tls says how its HTTPS certificate is trusted (ca, pinnedCertificate or system).
            \(body)
            """
    }
}
