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

/// Makes a new node's data directory: config, Ed25519 key pair, TLS certificate, database and
/// `peers/`. Everything is built in a hidden sibling directory and renamed into place at the end,
/// so an interrupted init leaves no half-made node behind, and an existing node is never touched.
public enum NodeInitializer {
    public static func initialize(_ directory: DataDirectory, config: NodeConfig, now: Date = Date()) async throws {
        let problems = config.problems()
        guard problems.isEmpty else { throw CatalogError(.configuration, problems.joined(separator: "; ")) }
        try checkTarget(directory)

        let parent = directory.root.deletingLastPathComponent()
        let staging = DataDirectory(
            root: parent.appendingPathComponent(
                ".\(directory.root.lastPathComponent).init-\(UUID().uuidString.prefix(8))"))
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            // Private from the start, whatever the umask: the database holds members-only entries.
            try SecureFile.makeDirectory(staging.root, mode: 0o700)
            try await populate(staging, config: config, now: now)
            guard rename(staging.path, directory.path) == 0 else {
                throw CatalogError(
                    .io, "cannot move the new node into \(directory.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: staging.root)
            if let error = error as? CatalogError { throw error }
            throw CatalogError(.io, "cannot initialize \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Refuses a directory that holds a node or anything else.
    private static func checkTarget(_ directory: DataDirectory) throws {
        if directory.isInitialized {
            throw CatalogError(.conflict, "\(directory.path) already holds a node; refusing to overwrite it")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw CatalogError(.conflict, "\(directory.path) exists and is not a directory")
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        guard contents.isEmpty else {
            throw CatalogError(.conflict, "\(directory.path) is not empty; choose a new directory for the node")
        }
    }

    private static func populate(_ directory: DataDirectory, config: NodeConfig, now: Date) async throws {
        try SecureFile.create(directory.config, contents: Data(config.yaml.utf8), mode: 0o600)

        let signingKey = NodeSigningKey(origin: config.name)
        try SecureFile.makeDirectory(directory.keysDirectory, mode: 0o700)
        try SecureFile.create(directory.signingKey, contents: Data(signingKey.pem.utf8), mode: 0o600)
        try SecureFile.create(directory.signingPublicKey, contents: Data(signingKey.publicKey.pem.utf8), mode: 0o600)

        let tls = try TLSCertificateFactory.make(
            commonName: config.hosts.first ?? config.name, organization: config.displayName,
            hosts: config.hosts, now: now)
        try SecureFile.makeDirectory(directory.tlsDirectory, mode: 0o700)
        try SecureFile.create(directory.tlsKey, contents: Data(tls.privateKeyPEM.utf8), mode: 0o600)
        try SecureFile.create(directory.tlsCertificate, contents: Data(tls.certificatePEM.utf8), mode: 0o600)
        try SecureFile.makeDirectory(directory.peersDirectory, mode: 0o700)

        // Created empty with mode 0600 before SQLite opens it: SQLite gives the WAL and
        // shared-memory files the database file's mode.
        try SecureFile.create(directory.database, contents: Data(), mode: 0o600)
        let store = try CatalogStore.open(path: directory.database.path)
        do {
            try await store.registerSelf(origin: config.name, key: signingKey.publicKey, at: now)
            let node = Node(directory: directory, config: config, store: store, signingKey: signingKey)
            // An empty catalog is a catalog too: peers learn its state from the first head.
            try await node.refreshHead(now: now)
            try store.close()
        } catch {
            try? store.close()
            throw error
        }
    }
}
