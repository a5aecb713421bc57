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

extension Node {
    /// Makes a new signing key and signs, with the old and the new key, the statement that the node
    /// signs with the new key from its next seq on. Peers that trust the old key trust the new one
    /// once the statement reaches them; an agency should endorse the new key as well, so that it
    /// stays trusted should the old one ever be revoked. The old private key is kept, mode 0600, as
    /// `keys/retired-FINGERPRINT.key`. Returns the node as it now is.
    public func rotateKey(now: Date = Date()) async throws -> (node: Node, rotation: SignedKeyRotation) {
        let newKey = NodeSigningKey(origin: origin)
        let seq = try await store.origins().first(where: \.isSelf)?.maxSeq ?? 0
        let rotation = try SignedKeyRotation.sign(
            from: signingKey, to: newKey, fromSeq: seq + 1, issued: Timestamp.format(now))

        // The new key is written beside the old one first; the database learns both before the
        // files change places, so a crash in between leaves a node that opens with either.
        let pending = directory.keysDirectory.appendingPathComponent("signing.key.new")
        try? FileManager.default.removeItem(at: pending)
        try SecureFile.create(pending, contents: Data(newKey.pem.utf8), mode: 0o600)
        try await store.addOwnKey(newKey.publicKey, rotation: rotation, at: now)
        let retired = directory.keysDirectory.appendingPathComponent("retired-\(publicKey.fingerprint.prefix(16)).key")
        guard rename(directory.signingKey.path, retired.path) == 0, rename(pending.path, directory.signingKey.path) == 0
        else {
            throw CatalogError(.io, "cannot put the new key in place: \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(at: directory.signingPublicKey)
        try SecureFile.create(directory.signingPublicKey, contents: Data(newKey.publicKey.pem.utf8), mode: 0o644)
        let rotated = Node(directory: directory, config: config, store: store, signingKey: newKey)
        try await rotated.refreshHead(now: now)
        return (rotated, rotation)
    }
}
