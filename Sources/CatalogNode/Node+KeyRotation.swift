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
    /// Moves the node to a new signing key, as TUF rotates root keys: signs with the old and the
    /// new key the statement that the old key is retired from seq `F` (the next one) on and the new
    /// key valid from `F`; re-signs the node's whole catalog (entries, tombstones and local entries)
    /// under the new key at seqs from `F`, and its head; and signs its own endorsements anew. Peers
    /// that trust the old key trust the new one once the statement reaches them, and an endorser
    /// may then revoke the old key without stranding anything. The old private key is kept, mode
    /// 0600, as `keys/retired-FINGERPRINT.key`. Returns the node as it now is.
    public func rotateKey(now: Date = Date()) async throws -> (node: Node, rotation: SignedKeyRotation) {
        let lock = try RotationLock(directory)
        defer { lock.release() }
        let newKey = NodeSigningKey(origin: origin)
        let seq = try await store.origins().first(where: \.isSelf)?.maxSeq ?? 0
        let issued = Timestamp.format(now)
        let rotation = try SignedKeyRotation.sign(from: signingKey, to: newKey, fromSeq: seq + 1, issued: issued)
        let endorsements = try await ownEndorsements().map { signed in
            let e = signed.endorsement
            // A later `issued` makes the new signature supersede the old one on every peer.
            return try SignedEndorsement.sign(
                EndorsementPayload(
                    endorser: e.endorser, subject: e.subject, key: e.key, region: e.region, level: e.level,
                    issued: issued, expires: e.revoked ? issued : e.expires,
                    revoked: e.revoked),
                with: newKey)
        }

        // The new key is written beside the old one first; the database learns it, the rotation
        // and the re-signed catalog in one transaction before the files change places, and `open`
        // finishes a swap a crash interrupted.
        let pending = directory.pendingSigningKey
        try? FileManager.default.removeItem(at: pending)
        try SecureFile.create(pending, contents: Data(newKey.pem.utf8), mode: 0o600)
        let expires = Timestamp.format(now.addingTimeInterval(TimeInterval(config.headValidityDays) * 86_400))
        let fromSeq = seq + 1
        try await store.writeOwnCatalog(
            plan: { state in
                guard state.maxSeq + 1 == fromSeq else {
                    throw CatalogError(.conflict, "the catalog changed during the key rotation; run it again")
                }
                var next = state.maxSeq
                let signed = try state.entries.values.sorted { $0.receipt < $1.receipt }.map { stored in
                    next += 1
                    let old = try stored.signedEntry()
                    if let entry = old.entry {
                        return try SignedEntry.sign(
                            .version(of: entry, origin: state.origin, seq: next, updated: old.payload.updated),
                            with: newKey)
                    }
                    return try SignedEntry.sign(
                        .tombstone(origin: state.origin, id: old.id, seq: next, updated: old.payload.updated),
                        with: newKey)
                }
                return (signed, ())
            },
            signHead: { head in
                try SignedHead.sign(
                    HeadPayload(
                        origin: head.origin, seq: head.seq, live: head.live, digest: head.digest,
                        issued: issued, expires: expires),
                    with: newKey)
            },
            signer: newKey.publicKey,
            keyChange: OwnKeyChange(key: newKey.publicKey, rotation: rotation, endorsements: endorsements),
            at: now)
        try Self.finishKeySwap(directory, retiring: publicKey, for: newKey)
        let rotated = Node(directory: directory, config: config, store: store, signingKey: newKey)
        return (rotated, rotation)
    }

    /// The endorsements and revocations this node signed.
    func ownEndorsements() async throws -> [SignedEndorsement] {
        try await store.endorsements().filter { $0.viaPeer == nil && $0.endorser == origin }
            .compactMap { try? SignedEndorsement(bytes: $0.envelope) }
    }

    /// Puts the pending new key in place of the retired one, keeping the retired one aside.
    static func finishKeySwap(_ directory: DataDirectory, retiring old: NodePublicKey, for new: NodeSigningKey) throws {
        let retired = directory.keysDirectory.appendingPathComponent("retired-\(old.shortFingerprint).key")
        guard rename(directory.signingKey.path, retired.path) == 0,
            rename(directory.pendingSigningKey.path, directory.signingKey.path) == 0
        else {
            throw CatalogError(.io, "cannot put the new key in place: \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(at: directory.signingPublicKey)
        try SecureFile.create(directory.signingPublicKey, contents: Data(new.publicKey.pem.utf8), mode: 0o600)
    }
}

/// Held while a key rotation writes the pending key file and swaps the key files, and while
/// `Node.open` finishes a swap a crash interrupted: two of them at once would overwrite each
/// other's files.
struct RotationLock {
    let descriptor: Int32

    /// Takes the lock; without `wait`, fails at once when another process holds it.
    init(_ directory: DataDirectory, wait: Bool = false) throws {
        let path = directory.keysDirectory.appendingPathComponent("rotate.lock").path
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CatalogError(.io, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, wait ? LOCK_EX : LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw CatalogError(.conflict, "another key rotation of this node is running")
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
