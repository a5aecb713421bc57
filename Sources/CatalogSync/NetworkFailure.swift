import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#endif

/// Words a failed connection to a peer the way its operator can act on: what happened, at which
/// address, and what to try. The networking libraries' own text (BoringSSL's reason codes, NIO's
/// system call names) goes to the debug log only.
enum NetworkFailure {
    /// - Parameters:
    ///   - peer: the peer's name, when it is pinned already.
    ///   - trust: how its certificate was to be trusted, for the hint about certificates.
    static func describe(_ error: any Error, url: String, peer: String?, trust: PeerClient.ResolvedTrust) -> String {
        let address = peer.map { "peer \($0) at \(url)" } ?? url
        let text = String(describing: error)
        if let ssl = error as? NIOSSLError {
            if case .handshakeFailed = ssl {
                if text.contains("CERTIFICATE_VERIFY_FAILED") {
                    return "\(address) presents a TLS certificate this node does not trust: \(certificateHint(trust))"
                }
                if text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG") {
                    return "\(address) does not speak TLS there: check the port, or whether it serves plain HTTP"
                }
            }
            return "the TLS handshake with \(address) failed: \(certificateHint(trust))"
        }
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return
                "\(address) presents a certificate for another host name: use the name its certificate was made "
                + "for (the --host it was initialized with), or pin that certificate itself with --pin-cert"
        }
        if let http = error as? HTTPClientError {
            switch http {
            case .connectTimeout, .tlsHandshakeTimeout:
                return "\(address) did not answer: no connection within the time allowed; is the host up and "
                    + "the port open to this machine?"
            case .readTimeout, .deadlineExceeded:
                return "\(address) did not answer in time; try again later (sync --timeout allows more)"
            case .remoteConnectionClosed:
                return "\(address) closed the connection before answering; is it a clusternode?"
            default: break
            }
        }
        if let refused = errno(of: error), refused == ECONNREFUSED {
            return "nothing listens at \(address) (connection refused): is the peer's clusternode serve running, "
                + "and is the port right?"
        }
        if let code = errno(of: error), [EHOSTUNREACH, ENETUNREACH].contains(code) {
            return "\(address) cannot be reached from this machine (no route to the host)"
        }
        if isUnknownHost(error) {
            return "the host of \(url) is not known (name resolution failed): check the spelling of the URL"
        }
        return "the request to \(address) failed (LOG_LEVEL=debug shows why)"
    }

    private static func certificateHint(_ trust: PeerClient.ResolvedTrust) -> String {
        switch trust {
        case .system:
            return "it is not signed by a CA this system trusts; give the peer's CA (peers add --url URL --ca FILE; "
                + "a node's own certificate is its tls/cert.pem), or pin the certificate (--pin-cert FILE)"
        case .ca(let path):
            return "it is not signed by the CA in \(path); check that this is the peer's CA (a node's own "
                + "certificate is its tls/cert.pem), or pin the certificate itself (peers add --replace --url URL "
                + "--pin-cert FILE)"
        case .pinnedCertificate(let path):
            return "it is not the certificate pinned in \(path); if the peer made a new one, pin it again "
                + "(peers add --replace --url URL --pin-cert FILE), after asking its operator"
        }
    }

    /// The system error behind a connection failure, however the libraries wrap it.
    private static func errno(of error: any Error) -> Int32? {
        if let io = error as? IOError { return io.errnoCode }
        if let connection = error as? NIOConnectionError {
            return connection.connectionErrors.lazy.compactMap { errno(of: $0.error) }.first
        }
        return nil
    }

    private static func isUnknownHost(_ error: any Error) -> Bool {
        if error is SocketAddressError.UnknownHost { return true }
        if let connection = error as? NIOConnectionError {
            return connection.dnsAError != nil || connection.dnsAAAAError != nil
        }
        return false
    }
}
