import CatalogCore
import CatalogStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An opened node: its data directory, configuration, database and signing key.
public struct Node: Sendable {
    public let directory: DataDirectory
    public let config: NodeConfig
    public let store: CatalogStore
    let signingKey: NodeSigningKey

    init(directory: DataDirectory, config: NodeConfig, store: CatalogStore, signingKey: NodeSigningKey) {
        self.directory = directory
        self.config = config
        self.store = store
        self.signingKey = signingKey
    }

    /// Opens the node in `directory`, checking that its key file is private and matches the database.
    public static func open(_ directory: DataDirectory) async throws -> Node {
        guard directory.isInitialized else {
            throw CatalogError(
                .configuration, "no node in \(directory.path); create one with clusternode init --dir \(directory.path)"
            )
        }
        let config = try NodeConfig.load(from: directory.config)
        // A pending new key means a rotation runs now, or stopped before its files moved: wait for
        // it, and finish what it left (below) under the same lock.
        let lock =
            FileManager.default.fileExists(atPath: directory.pendingSigningKey.path)
            ? try RotationLock(directory, wait: true) : nil
        defer { lock?.release() }
        // A rotation that stopped between moving the old key aside and the new one in: the
        // database has the new key already (the files move only after it committed).
        if !FileManager.default.fileExists(atPath: directory.signingKey.path),
            FileManager.default.fileExists(atPath: directory.pendingSigningKey.path)
        {
            guard rename(directory.pendingSigningKey.path, directory.signingKey.path) == 0 else {
                throw CatalogError(.io, "cannot put the pending new key in place: \(String(cString: strerror(errno)))")
            }
        }
        var signingKey = try loadSigningKey(directory, config: config)
        if lock != nil {
            try? FileManager.default.removeItem(at: directory.signingPublicKey)
            try? SecureFile.create(
                directory.signingPublicKey, contents: Data(signingKey.publicKey.pem.utf8), mode: 0o600)
        }
        let store = try CatalogStore.open(path: directory.database.path)
        guard try await store.selfOrigin() == config.name else {
            throw CatalogError(.configuration, "the database in \(directory.path) does not belong to '\(config.name)'")
        }
        let ownKeys = try await store.keys(origin: config.name).compactMap { try? $0.nodePublicKey() }
        guard ownKeys.contains(signingKey.publicKey) else {
            throw CatalogError(
                .configuration, "\(directory.signingKey.path) is not the key this node's catalog is signed with")
        }
        signingKey = try await currentKey(directory, config: config, store: store, loaded: signingKey)
        return Node(directory: directory, config: config, store: store, signingKey: signingKey)
    }

    /// The key to sign with: `loaded`, unless a key rotation retired it, in which case the rotation
    /// was interrupted between the database and the key files, and the swap is finished here.
    private static func currentKey(
        _ directory: DataDirectory, config: NodeConfig, store: CatalogStore, loaded: NodeSigningKey
    ) async throws -> NodeSigningKey {
        let rotations = try await store.rotations().compactMap { try? SignedKeyRotation(bytes: $0) }
        guard
            let rotation = rotations.first(where: { $0.rotation.origin == config.name && $0.oldKey == loaded.publicKey }
            )
        else { return loaded }
        let pending = try? NodeSigningKey(
            origin: config.name, pem: String(contentsOf: directory.pendingSigningKey, encoding: .utf8))
        guard let pending, pending.publicKey == rotation.newKey else {
            throw CatalogError(
                .configuration,
                "\(directory.signingKey.path) was retired by a key rotation from seq \(rotation.rotation.fromSeq); "
                    + "put the new key (fingerprint \(rotation.newKey.displayFingerprint)) there")
        }
        try finishKeySwap(directory, retiring: loaded.publicKey, for: pending)
        return pending
    }

    /// Reads the node's private key, refusing a key file others can read.
    static func loadSigningKey(_ directory: DataDirectory, config: NodeConfig) throws -> NodeSigningKey {
        let mode = try SecureFile.mode(of: directory.signingKey)
        guard mode & 0o077 == 0 else {
            throw CatalogError(
                .configuration,
                "\(directory.signingKey.path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 on it"
            )
        }
        let pem: String
        do {
            pem = try String(contentsOf: directory.signingKey, encoding: .utf8)
        } catch {
            throw CatalogError(.io, "cannot read \(directory.signingKey.path): \(error.localizedDescription)")
        }
        return try NodeSigningKey(origin: config.name, pem: pem)
    }

    public var origin: String { config.name }

    /// The node's public key, as peers pin it.
    public var publicKey: NodePublicKey { signingKey.publicKey }

    public var keyID: String { signingKey.keyID }
}
