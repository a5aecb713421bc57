import CatalogCore
import CatalogReports
import CatalogStore
import Foundation

/// Where a stored entry comes from, as `entries show` tells it: who signed it with which key,
/// the peer it came through, when this node stored it, and whether its signature checks out now
/// under a key the node trusts for its origin and seq.
struct EntryProvenance: Encodable {
    let origin: String
    let originName: String
    /// The signing key's SHA-256 fingerprint (64 hex digits), when a trusted key verifies it.
    let keyFingerprint: String?
    /// The peer it arrived from; nil for the node's own entries.
    let viaPeer: String?
    let viaPeerName: String?
    /// When this node verified and stored this version.
    let receivedAt: String
    /// Whether the signature verified again under the node's trust at `checkedAt`.
    let signatureValid: Bool
    let checkedAt: String

    init(stored: StoredEntry, signed: SignedEntry, origins: OriginDirectory, now: Date = Date()) {
        let signer = origins.signer(of: signed)
        origin = stored.origin
        originName = origins.info(stored.origin).displayName
        keyFingerprint = signer?.fingerprint
        viaPeer = stored.viaPeer
        viaPeerName = stored.viaPeer.map { origins.info($0).displayName }
        receivedAt = stored.receivedAt
        signatureValid = signer != nil
        checkedAt = Timestamp.format(now)
    }

    /// `signed by MedicalMountains (medicalmountains), key c35b 1b54 …; received via … on …;
    /// signature checked …: valid`.
    var lines: [String] {
        var lines = ["signed by \(originName) (\(origin))"]
        if let keyFingerprint {
            lines.append("key \(keyFingerprint)")
        }
        if let viaPeer {
            lines.append("received via \(viaPeerName ?? viaPeer) (\(viaPeer)) on \(receivedAt)")
        } else {
            lines.append("written on this node on \(receivedAt)")
        }
        lines.append(
            signatureValid
                ? "signature checked \(checkedAt): valid under a key this node trusts"
                : "signature checked \(checkedAt): NOT confirmed under the keys this node trusts")
        return lines
    }
}
