import Foundation

/// The files of a node's data directory, made by `clusternode init`:
///
/// ```
/// DIR/config.yaml          the node's configuration (documented inline)
/// DIR/keys/signing.key     Ed25519 private key, PKCS #8 PEM, mode 0600
/// DIR/keys/signing.pub     Ed25519 public key, SPKI PEM
/// DIR/tls/cert.pem         TLS certificate (self-signed, CA:TRUE); peers trust it with --ca
/// DIR/tls/key.pem          TLS private key, mode 0600
/// DIR/catalog.sqlite       the database (SQLite, WAL mode)
/// DIR/peers/               one file per peer this node pulls from
/// ```
public struct DataDirectory: Sendable, Hashable {
    public let root: URL

    public init(_ path: String) {
        root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var path: String { root.path }
    public var config: URL { root.appendingPathComponent("config.yaml") }
    public var keysDirectory: URL { root.appendingPathComponent("keys", isDirectory: true) }
    public var signingKey: URL { keysDirectory.appendingPathComponent("signing.key") }
    /// A new signing key while a rotation puts it in place.
    public var pendingSigningKey: URL { keysDirectory.appendingPathComponent("signing.key.new") }
    public var signingPublicKey: URL { keysDirectory.appendingPathComponent("signing.pub") }
    public var tlsDirectory: URL { root.appendingPathComponent("tls", isDirectory: true) }
    public var tlsCertificate: URL { tlsDirectory.appendingPathComponent("cert.pem") }
    public var tlsKey: URL { tlsDirectory.appendingPathComponent("key.pem") }
    public var database: URL { root.appendingPathComponent("catalog.sqlite") }
    /// Held by a serving node (see `ServeLock`).
    public var serveLock: URL { root.appendingPathComponent("serve.lock") }
    public var peersDirectory: URL { root.appendingPathComponent("peers", isDirectory: true) }

    /// Whether a node lives here already.
    public var isInitialized: Bool { FileManager.default.fileExists(atPath: config.path) }
}
