import AsyncHTTPClient
import CatalogCore
import CatalogSearch
import CatalogTrust
import CatalogWire
import Foundation
import Logging
import NIOCore
import NIOSSL

/// Talks HTTPS to one peer: its identity, its change feed, its endorsements. Every request has a
/// deadline and every answer a size limit, so a slow or endless peer cannot stall the node.
public struct PeerClient: Sendable {
    public static let requestTimeout: TimeAmount = .seconds(30)
    /// The largest answer accepted: a feed page of the maximum length of maximum-size envelopes fits.
    public static let maxResponseBytes = 32 * 1024 * 1024

    let http: HTTPClient
    public let baseURL: String
    let tls: TLSConfiguration?
    let trust: ResolvedTrust
    /// The deadline of every request.
    public var timeout: TimeAmount = PeerClient.requestTimeout
    /// The peer's name in error messages, once it is pinned.
    public var peerName: String?
    /// Where the networking libraries' own words about a failure go, at debug level.
    public var logger: Logger?

    /// - Parameters:
    ///   - url: the peer's base URL, `https://host:port`; plain http only to a loopback address.
    ///   - trust: how its certificate is trusted, with certificate paths resolved.
    public init(http: HTTPClient, url: String, trust: ResolvedTrust) throws {
        self.http = http
        self.baseURL = try Self.checkedBaseURL(url)
        self.tls = try trust.configuration()
        self.trust = trust
    }

    /// How a certificate is trusted, with the file (if any) as a path.
    public enum ResolvedTrust: Sendable {
        case ca(path: String)
        case pinnedCertificate(path: String)
        case system

        public init(_ trust: PeerFile.TLSTrust, peers: PeerDirectory) {
            switch trust {
            case .ca(let file): self = .ca(path: peers.path(of: file))
            case .pinnedCertificate(let file): self = .pinnedCertificate(path: peers.path(of: file))
            case .system: self = .system
            }
        }

        func configuration() throws -> TLSConfiguration? {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            switch self {
            case .system:
                return configuration
            case .ca(let path):
                configuration.trustRoots = .certificates(try Self.certificates(path))
            case .pinnedCertificate(let path):
                configuration.trustRoots = .certificates(try Self.certificates(path))
                configuration.certificateVerification = .noHostnameVerification
            }
            return configuration
        }

        private static func certificates(_ path: String) throws -> [NIOSSLCertificate] {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(path)
                guard !certificates.isEmpty else { throw CatalogError(.configuration, "\(path) holds no certificate") }
                return certificates
            } catch let error as CatalogError {
                throw error
            } catch {
                throw CatalogError(.configuration, "\(path) is not a PEM certificate file")
            }
        }
    }

    /// `https://host[:port]` without a trailing slash; plain http is allowed for loopback only.
    static func checkedBaseURL(_ url: String) throws -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, components.path.isEmpty || components.path == "/",
            components.query == nil
        else { throw CatalogError(.configuration, "'\(url)' is not a base URL such as https://agency.example:8443") }
        switch scheme {
        case "https": break
        case "http":
            guard ["127.0.0.1", "::1", "localhost"].contains(host) else {
                throw CatalogError(.configuration, "'\(url)': plain http is allowed to a loopback address only")
            }
        default:
            throw CatalogError(.configuration, "'\(url)' is not an https URL")
        }
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    public func nodeInfo() async throws -> NodeInfo {
        // Room for the 10,000 origins a node may vouch for (`NodeInfo.maxVouches`).
        let body = try await get("/v1/node", limit: 2 * 1024 * 1024)
        do {
            return try JSONDecoder().decode(NodeInfo.self, from: body)
        } catch {
            throw CatalogError(
                .invalidInput, "\(baseURL)/v1/node is not a clusternode: \(DecodingErrorText.describe(error))")
        }
    }

    /// One page of the peer's change feed.
    public func changes(since cursor: Int64, limit: Int) async throws -> FeedAnswer {
        try FeedAnswer(
            parsing: try await get("/v1/changes?since=\(cursor)&limit=\(limit)", limit: Self.maxResponseBytes))
    }

    /// The peer's feed past `cursor`, held by the peer for up to `wait` seconds while it has nothing
    /// newer (`/v1/changes?wait=`): one envelope is enough to say there is news.
    public func waitForChanges(since cursor: Int64, wait: Int) async throws -> FeedAnswer {
        var client = self
        client.timeout = .seconds(Int64(wait) + 20)
        return try FeedAnswer(
            parsing: try await client.get("/v1/changes?since=\(cursor)&limit=1&wait=\(wait)", limit: 1024 * 1024))
    }

    /// The newest head of every origin the peer holds.
    public func heads() async throws -> FeedAnswer {
        try FeedAnswer(parsing: try await get("/v1/heads", limit: Self.maxResponseBytes))
    }

    /// Every endorsement statement the peer serves.
    public func endorsements() async throws -> FeedAnswer {
        try FeedAnswer(parsing: try await get("/v1/endorsements", limit: Self.maxResponseBytes))
    }

    /// Runs a search on the peer's index.
    public func search(_ query: SearchQuery) async throws -> SearchResponse {
        var components = URLComponents()
        components.queryItems = query.parameters.map { URLQueryItem(name: $0.0, value: $0.1) }
        let body = try await get("/v1/search?" + (components.percentEncodedQuery ?? ""), limit: 16 * 1024 * 1024)
        do {
            return try JSONDecoder().decode(SearchResponse.self, from: body)
        } catch {
            throw CatalogError(
                .invalidInput, "\(baseURL)/v1/search answered no search result: \(DecodingErrorText.describe(error))")
        }
    }

    /// GETs `path` and returns the body, failing on any status but 200.
    func get(_ path: String, limit: Int) async throws -> Data {
        var request = HTTPClientRequest(url: baseURL + path)
        request.tlsConfiguration = tls
        request.headers.add(name: "User-Agent", value: "clusternode/1")
        do {
            let response = try await http.execute(request, timeout: timeout)
            guard response.status == .ok else {
                throw CatalogError(
                    .io,
                    "\(baseURL)\(path) answered \(response.status.code) \(SafeText.excerpt(response.status.reasonPhrase, limit: 80))"
                )
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
                throw CatalogError(.io, "\(baseURL)\(path) answer of \(length) bytes exceeds \(limit)")
            }
            // The deadline covers the whole body too: a peer that trickles it cannot hold the pull.
            let body = response.body
            let deadline = timeout
            let buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
                group.addTask { try await body.collect(upTo: limit) }
                group.addTask {
                    try await Task.sleep(for: .nanoseconds(deadline.nanoseconds))
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let buffer = first else {
                    throw CatalogError(.io, "\(baseURL)\(path.prefix { $0 != "?" }) did not finish its answer in time")
                }
                return buffer
            }
            return Data(buffer.readableBytesView)
        } catch let error as CatalogError {
            throw error
        } catch let error as NIOTooManyBytesError {
            throw CatalogError(.io, "\(baseURL)\(path) sent more than \(limit) bytes: \(error)")
        } catch {
            logger?.debug(
                "request to a peer failed",
                metadata: ["url": "\(baseURL)\(path)", "error": "\(Self.describe(error))"])
            throw CatalogError(
                .io, NetworkFailure.describe(error, url: baseURL, peer: peerName, trust: trust))
        }
    }

    /// The error body every route answers with.
    struct ErrorAnswer: Decodable {
        struct Detail: Decodable { let message: String }
        let error: Detail
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
