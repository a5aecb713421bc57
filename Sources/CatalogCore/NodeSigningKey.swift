import Crypto
import CryptoExtras
import Foundation

/// A node's Ed25519 private key, with the origin whose entries it signs.
/// Never logged and never served: `description` shows only the public key id.
public struct NodeSigningKey: Sendable, CustomStringConvertible {
    public let origin: String
    private let key: Curve25519.Signing.PrivateKey

    public init(origin: String, key: Curve25519.Signing.PrivateKey = .init()) {
        self.origin = origin
        self.key = key
    }

    /// From a PKCS #8 PEM file's text, as written by `pem`.
    public init(origin: String, pem: String) throws {
        do {
            self.init(origin: origin, key: try Curve25519.Signing.PrivateKey(pemRepresentation: pem))
        } catch {
            throw CatalogError(.invalidKey, "the signing key file does not hold an Ed25519 private key in PEM form")
        }
    }

    public var publicKey: NodePublicKey { NodePublicKey(key.publicKey) }

    public var keyID: String { publicKey.keyID(origin: origin) }

    /// PKCS #8 PEM of the private key: write it only to a file of mode 0600.
    public var pem: String { key.pemRepresentation }

    public func signature(for message: Data) throws -> Data {
        do {
            return try key.signature(for: message)
        } catch {
            throw CatalogError(.invalidKey, "signing failed: \(error)")
        }
    }

    public var description: String { "NodeSigningKey(\(keyID))" }
}
