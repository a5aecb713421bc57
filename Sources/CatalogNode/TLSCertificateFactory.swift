import CatalogCore
import Crypto
import Foundation
import SwiftASN1
import X509

/// Makes the node's TLS identity in-process: a P-256 key and a self-signed certificate for the
/// node's host names plus 127.0.0.1 and ::1.
///
/// The certificate is its own trust anchor: peers pass `tls/cert.pem` to `--ca`. It is marked
/// CA:TRUE with keyCertSign because BoringSSL (under AsyncHTTPClient) refuses a self-signed leaf
/// without them, while curl and OpenSSL accept either.
public enum TLSCertificateFactory {
    public struct Material: Sendable {
        public let certificatePEM: String
        public let privateKeyPEM: String
    }

    public static let validity: TimeInterval = 825 * 24 * 3600

    public static func make(commonName: String, organization: String, hosts: [String], now: Date = Date()) throws
        -> Material
    {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        do {
            let name = try DistinguishedName {
                CommonName(commonName)
                OrganizationName(organization)
            }
            var names: [GeneralName] = hosts.map { .dnsName($0) }
            names.append(.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])))
            names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice([UInt8](repeating: 0, count: 15) + [1]))))
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
                SubjectKeyIdentifier(hash: publicKey)
            }
            let certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: publicKey,
                notValidBefore: now.addingTimeInterval(-3600),
                notValidAfter: now.addingTimeInterval(validity),
                issuer: name,
                subject: name,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(key))
            return Material(
                certificatePEM: try certificate.serializeAsPEM().pemString, privateKeyPEM: key.pemRepresentation)
        } catch {
            throw CatalogError(.io, "cannot make the TLS certificate: \(error)")
        }
    }
}
