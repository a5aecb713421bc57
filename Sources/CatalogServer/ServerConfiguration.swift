import CatalogCore
import CatalogNode
import Foundation
import NIOSSL

/// How `serve` listens.
public struct ServerConfiguration: Sendable {
    public enum Transport: Sendable {
        /// TLS with the node's own certificate (`tls/cert.pem`, `tls/key.pem`).
        case nodeCertificate
        /// TLS with certificate and key files, e.g. from a public CA.
        case certificateFiles(certificate: String, key: String)
        /// Plain HTTP, for running behind a reverse proxy; loopback addresses only.
        case plainHTTP
    }

    public var host: String
    public var port: Int
    public var transport: Transport
    public var limits: ServerLimits

    public init(
        host: String = "0.0.0.0", port: Int, transport: Transport = .nodeCertificate, limits: ServerLimits = .init()
    ) {
        self.host = host
        self.port = port
        self.transport = transport
        self.limits = limits
    }

    public static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]

    /// Refuses plain HTTP on anything but a loopback address.
    public func validate() throws {
        if case .plainHTTP = transport, !Self.loopbackHosts.contains(host) {
            throw CatalogError(
                .configuration, "plain HTTP is only allowed on a loopback address (127.0.0.1 or ::1), not \(host)")
        }
        guard (0...65535).contains(port) else { throw CatalogError(.configuration, "port \(port) is not 0 to 65535") }
    }

    /// The TLS configuration to serve with, or nil for plain HTTP.
    func tlsConfiguration(for directory: DataDirectory) throws -> TLSConfiguration? {
        let certificate: String
        let key: String
        switch transport {
        case .plainHTTP: return nil
        case .nodeCertificate: (certificate, key) = (directory.tlsCertificate.path, directory.tlsKey.path)
        case .certificateFiles(let c, let k): (certificate, key) = (c, k)
        }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
            let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(privateKey))
            configuration.minimumTLSVersion = .tlsv12
            return configuration
        } catch {
            throw CatalogError(
                .configuration, "cannot load the TLS certificate \(certificate) and key \(key): \(error)")
        }
    }

    public var scheme: String {
        if case .plainHTTP = transport { return "http" }
        return "https"
    }
}
