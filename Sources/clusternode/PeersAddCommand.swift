import ArgumentParser
import AsyncHTTPClient
import CatalogCore
import CatalogNode
import CatalogSync
import CatalogTrust
import CatalogWire
import Foundation

struct PeersAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Pin a peer: fetch its identity, show its key fingerprint, and pin it once confirmed.",
        discussion: """
            Fetches URL/v1/node and shows the peer's name, level, region and key fingerprint. Pins it after you
            confirm, or at once with --yes (for scripts), or only if its key is the one given with
            --expect-key. Its TLS certificate is trusted by --ca FILE (a CA, e.g. the peer's tls/cert.pem),
            --pin-cert FILE (exactly that self-signed certificate) or, with neither, the system's roots.
            """)

    @OptionGroup var options: NodeOptions

    @Option(help: "The peer's base URL, e.g. https://agency.example:8443.")
    var url: String

    @Option(help: "Trust certificates issued by this CA (PEM), e.g. the peer's tls/cert.pem.", completion: .file())
    var ca: String?

    @Option(
        help: "Trust exactly this self-signed certificate (PEM), whatever host name it is reached by.",
        completion: .file())
    var pinCert: String?

    @Option(help: "Pin only if the peer's key is this one (ed25519:BASE64, PEM, or its SHA-256 fingerprint).")
    var expectKey: String?

    @Flag(help: "Pin without asking.")
    var yes = false

    @Flag(help: "Replace a peer of the same name that is pinned already.")
    var replace = false

    func validate() throws {
        if ca != nil && pinCert != nil { throw ValidationError("give --ca or --pin-cert, not both") }
    }

    func run() async throws {
        let node = try await options.openNode()
        let trust: PeerClient.ResolvedTrust =
            ca.map { .ca(path: $0) } ?? pinCert.map { .pinnedCertificate(path: $0) } ?? .system
        let info = try await HTTPClient.withNodeClient { http in
            var client = try PeerClient(http: http, url: url, trust: trust)
            client.logger = CLILogging.logger("clusternode.peers", defaultLevel: .warning)
            return try await client.nodeInfo()
        }.validated()
        let peer = try makePeerFile(info, node: node)
        let key = try peer.publicKey()
        if !options.json {
            Console.line("Peer \(info.name): \(info.displayName) (\(info.level), \(info.region)) at \(url)")
            Console.line("  key          \(key.text)")
            Console.line("  fingerprint  \(key.fingerprint)")
            Console.line("  short        \(key.displayFingerprint)")
        }
        if let expectKey {
            guard try Self.matches(key, expected: expectKey) else {
                throw CatalogError(
                    .conflict,
                    "peer \(info.name) presents key \(key.shortFingerprint)…, not the expected one; not pinned"
                )
            }
        }
        // The key proves who the peer is, not what it may vouch for: a peer that says it is an
        // agency or the national node is pinned as one only on the operator's word.
        let mayEndorse = peer.level.mayEndorse
        if !yes && (expectKey == nil || mayEndorse) {
            if mayEndorse && !options.json {
                Console.line(
                    "  \(info.name) says it is \(peer.level == .national ? "the national node" : "an agency") "
                        + "(\(info.region)): pinned, it may endorse others")
            }
            guard Console.confirm("Pin this peer and accept entries signed with this key?") else {
                throw CatalogError(
                    .conflict,
                    mayEndorse
                        ? "not pinned: a peer that may endorse others is pinned on a terminal's confirmation or with --yes"
                        : "not pinned: confirm on a terminal, or pass --yes or --expect-key")
            }
        }
        let certificate = try (ca ?? pinCert).map { path -> String in
            do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw CatalogError(.io, "cannot read \(path): \(error.localizedDescription)")
            }
        }
        try PeerDirectory(node.directory).save(peer, certificatePEM: certificate, replace: replace)
        if options.json {
            try Console.json(peer)
        } else {
            Console.line("Pinned peer \(peer.name) in \(PeerDirectory(node.directory).file(of: peer.name).path)")
        }
    }

    private func makePeerFile(_ info: NodeInfo, node: Node) throws -> PeerFile {
        guard Slug.isValidOrigin(info.name) else {
            throw CatalogError(.invalidInput, "the peer's name '\(info.name)' is not a slug")
        }
        guard info.name != node.origin else { throw CatalogError(.conflict, "\(url) is this node itself") }
        guard let level = NodeLevel(rawValue: info.level) else {
            throw CatalogError(.invalidInput, "the peer's level '\(info.level)' is not cluster, agency or national")
        }
        guard let keyText = info.keys.first?.publicKey else {
            throw CatalogError(.invalidInput, "the peer names no key")
        }
        let tls: PeerFile.TLSTrust =
            ca != nil
            ? .ca(file: "\(info.name).ca.pem")
            : pinCert != nil ? .pinnedCertificate(file: "\(info.name).cert.pem") : .system
        return PeerFile(
            name: info.name, displayName: info.displayName, url: url, level: level, region: info.region,
            key: try NodePublicKey(text: keyText), tls: tls, pinnedAt: Timestamp.format(Date()))
    }

    /// Whether `key` is the one the user expects: the same key in any written form, or a fingerprint
    /// (at least 16 hex digits, spaces ignored) it starts with.
    static func matches(_ key: NodePublicKey, expected: String) throws -> Bool {
        let compact = expected.replacingOccurrences(of: " ", with: "").lowercased()
        if compact.count >= 16, compact.allSatisfy(\.isHexDigit) { return key.fingerprint.hasPrefix(compact) }
        return try NodePublicKey(text: expected) == key
    }
}
