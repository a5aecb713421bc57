import CatalogCore
import CatalogNode
import Foundation
import Yams

/// The `peers/` directory of a node: one YAML file per peer, plus the certificate files they name.
public struct PeerDirectory: Sendable {
    public let url: URL

    public init(_ directory: DataDirectory) {
        url = directory.peersDirectory
    }

    public func file(of name: String) -> URL { url.appendingPathComponent("\(name).yaml") }

    /// Every peer file, in name order. A malformed file is an error naming it.
    public func load() throws -> [PeerFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw CatalogError(.io, "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try names.filter { $0.hasSuffix(".yaml") }.sorted().map { try load(url.appendingPathComponent($0)) }
    }

    public func peer(named name: String) throws -> PeerFile {
        let path = file(of: name)
        guard FileManager.default.fileExists(atPath: path.path) else {
            let known = (try? load().map(\.name).joined(separator: ", ")) ?? ""
            throw CatalogError(.notFound, "no peer '\(name)'\(known.isEmpty ? "" : " (peers: \(known))")")
        }
        return try load(path)
    }

    private func load(_ file: URL) throws -> PeerFile {
        do {
            let data = try Data(contentsOf: file)
            let digest = PeerFileCache.digest(of: data)
            if let peer = PeerFileCache.shared.peer(at: file.path, digest: digest) { return peer }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CatalogError(.configuration, "\(file.path) is not UTF-8 text")
            }
            let peer = try YAMLDecoder().decode(PeerFile.self, from: text)
            guard Slug.isValidOrigin(peer.name), file.deletingPathExtension().lastPathComponent == peer.name else {
                throw CatalogError(.configuration, "\(file.path): name must be a slug matching the file name")
            }
            _ = try peer.publicKey()
            PeerFileCache.shared.keep(peer, at: file.path, digest: digest)
            return peer
        } catch let error as CatalogError {
            throw CatalogError(error.code, "\(file.lastPathComponent): \(error.message)")
        } catch {
            throw CatalogError(.configuration, "\(file.path): \(DecodingErrorText.describe(error))")
        }
    }

    /// Writes a peer's file and copies its certificate beside it; refuses to replace a peer unless
    /// `replace`.
    public func save(_ peer: PeerFile, certificatePEM: String?, replace: Bool) throws {
        let target = file(of: peer.name)
        if !replace && FileManager.default.fileExists(atPath: target.path) {
            throw CatalogError(.conflict, "peer '\(peer.name)' is pinned already; remove it first to pin it again")
        }
        do {
            if let certificatePEM, let certificateFile = peer.certificateFile {
                try SecureFile.replace(
                    url.appendingPathComponent(certificateFile), contents: Data(certificatePEM.utf8), mode: 0o600)
            }
            try SecureFile.replace(target, contents: Data(try peer.yaml().utf8), mode: 0o600)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.io, "cannot write \(target.path): \(error.localizedDescription)")
        }
    }

    public func remove(_ name: String) throws {
        let peer = try peer(named: name)
        do {
            try FileManager.default.removeItem(at: file(of: name))
            if let certificateFile = peer.certificateFile {
                try? FileManager.default.removeItem(at: url.appendingPathComponent(certificateFile))
            }
        } catch {
            throw CatalogError(.io, "cannot remove peer \(name): \(error.localizedDescription)")
        }
    }

    /// The path of a certificate file a peer file names.
    public func path(of file: String) -> String {
        file.hasPrefix("/") ? file : url.appendingPathComponent(file).path
    }
}

extension PeerFile {
    /// The certificate file beside the peer file, if its TLS trust names one.
    var certificateFile: String? {
        switch tls {
        case .ca(let file), .pinnedCertificate(let file): return file
        case .system: return nil
        }
    }
}
