import Crypto
import CryptoExtras
import Foundation

/// An origin's Ed25519 public key, as pinned in peer files and named in signatures.
public struct NodePublicKey: Sendable, Hashable {
    public let key: Curve25519.Signing.PublicKey

    public init(_ key: Curve25519.Signing.PublicKey) {
        self.key = key
    }

    /// From the 32 raw key bytes.
    public init(raw: some ContiguousBytes) throws {
        do {
            key = try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        } catch {
            throw CatalogError(.invalidKey, "not an Ed25519 public key (expected 32 bytes)")
        }
    }

    /// From `ed25519:BASE64` (the form peer files use), plain base64 of the raw key, or SPKI PEM.
    public init(text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // PEM armour: five dashes, then BEGIN and the label.
        if trimmed.hasPrefix("-"), trimmed.prefix(40).contains("BEGIN ") {
            do {
                self.init(try Curve25519.Signing.PublicKey(pemRepresentation: trimmed))
            } catch {
                throw CatalogError(.invalidKey, "not an Ed25519 public key in PEM form")
            }
            return
        }
        let base64 = trimmed.hasPrefix("ed25519:") ? String(trimmed.dropFirst("ed25519:".count)) : trimmed
        guard let raw = Data(base64Encoded: base64) else {
            throw CatalogError(.invalidKey, "a public key is written ed25519:BASE64 (32 bytes)")
        }
        try self.init(raw: raw)
    }

    /// From the one form payloads use: `ed25519:` and the canonical standard base64 of the 32 raw bytes.
    public init(wire text: String) throws {
        guard text.hasPrefix("ed25519:"), let raw = Data(base64Encoded: String(text.dropFirst(8))),
            "ed25519:" + raw.base64EncodedString() == text
        else { throw CatalogError(.invalidKey, "a key in a payload is written ed25519:BASE64 (32 bytes)") }
        try self.init(raw: raw)
    }

    public var rawRepresentation: Data { key.rawRepresentation }

    /// `ed25519:BASE64`, the form peer files and `/v1/node` use.
    public var text: String { "ed25519:" + rawRepresentation.base64EncodedString() }

    /// SubjectPublicKeyInfo PEM, which OpenSSL and other tools read.
    public var pem: String { key.pemRepresentation }

    /// The key's fingerprint: the 64 lowercase hex digits of SHA-256 over the 32 raw key bytes. The
    /// one form `/v1/node`, `key --json`, peer files and refusals use.
    public var fingerprint: String { Hex.encode(SHA256.hash(data: rawRepresentation)) }

    /// The short fingerprint: the fingerprint's first 16 hex digits, which every key id carries.
    /// Any prefix of the fingerprint at least this long names the key (`peers add --expect-key`).
    public var shortFingerprint: String { String(fingerprint.prefix(16)) }

    /// The short fingerprint in groups of four (`e19b eb6b d71a 86fc`), to read aloud on the phone.
    public var displayFingerprint: String {
        let hex = Array(shortFingerprint)
        return stride(from: 0, to: hex.count, by: 4).map { String(hex[$0..<$0 + 4]) }.joined(separator: " ")
    }

    /// The id a signature by this key carries: `origin#` and the short fingerprint.
    public func keyID(origin: String) -> String {
        "\(origin)#\(shortFingerprint)"
    }

    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        key.isValidSignature(signature, for: message)
    }

    public static func == (lhs: NodePublicKey, rhs: NodePublicKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(rawRepresentation) }
}
