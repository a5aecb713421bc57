import CatalogCore
import CatalogStore
import CatalogTrust
import Foundation

/// Checks the envelope lines of a feed page against the trust set: form, size, origin and signature.
/// Pure and parallel: the lines are split among the cores, and the order of the page is kept.
enum PageVerifier {
    struct Result: Sendable {
        var items: [ReceivedItem] = []
        var refusals: [Refusal] = []
        /// The line each refusal is about, by index into the lines verified.
        var refusedLines: [Int] = []
    }

    static func verify(_ lines: [Data], trust: TrustSet, peer: String) async -> Result {
        let outcomes = await ParallelChunks.map(lines) { chunk in chunk.map { verify($0, trust: trust, peer: peer) } }
        var result = Result()
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .success(let item): result.items.append(item)
            case .failure(let refusal):
                result.refusals.append(refusal)
                result.refusedLines.append(index)
            }
        }
        return result
    }

    static func verify(_ line: Data, trust: TrustSet, peer: String) -> Swift.Result<ReceivedItem, Refusal> {
        guard line.count <= Envelope.maxBytes else {
            return .failure(
                Refusal(
                    peer: peer, reason: .oversized,
                    detail: "envelope of \(line.count) bytes exceeds \(Envelope.maxBytes)"))
        }
        let envelope: Envelope
        do {
            envelope = try Envelope(bytes: line)
        } catch {
            return .failure(Refusal(peer: peer, reason: .malformed, detail: message(error)))
        }
        switch envelope.payloadType {
        case PayloadType.entry:
            let signed: SignedEntry
            do {
                signed = try SignedEntry(envelope: envelope, strictForm: true)
            } catch {
                return .failure(Refusal(peer: peer, reason: .malformed, detail: message(error)))
            }
            // An origin's entries must meet the schema it signs them under: a value that breaks it
            // (an http URL, a line break in a link) could hurt exports and pages built from it.
            if let entry = signed.entry, let issue = EntryValidator.issues(in: entry).first {
                return .failure(
                    Refusal(
                        peer: peer, origin: signed.origin, entryID: signed.id, seq: signed.seq, reason: .malformed,
                        detail: "entry breaks the schema: \(issue)"))
            }
            // Visibility `local` means the entry never leaves its node: one that did is not relayed.
            if signed.entry?.visibility == .local {
                return .failure(
                    Refusal(
                        peer: peer, origin: signed.origin, entryID: signed.id, seq: signed.seq, reason: .malformed,
                        detail: "entry has visibility local, which never leaves its node"))
            }
            if let refusal = check(
                origin: signed.origin, seq: signed.seq, trust: trust, verify: { try signed.verify(with: $0) })
            {
                return .failure(
                    Refusal(
                        peer: peer, origin: signed.origin, entryID: signed.id, seq: signed.seq,
                        reason: refusal.reason, detail: refusal.detail))
            }
            return .success(.entry(signed))
        case PayloadType.head:
            let signed: SignedHead
            do {
                signed = try SignedHead(envelope: envelope)
            } catch {
                return .failure(Refusal(peer: peer, reason: .malformed, detail: message(error)))
            }
            guard line.count <= Envelope.maxStatementBytes else {
                return .failure(
                    Refusal(
                        peer: peer, origin: signed.head.origin, seq: signed.head.seq, reason: .oversized,
                        detail: "head of \(line.count) bytes exceeds \(Envelope.maxStatementBytes)"))
            }
            if let refusal = check(
                origin: signed.head.origin, seq: signed.head.seq, trust: trust,
                verify: { try signed.verify(with: $0) })
            {
                return .failure(
                    Refusal(
                        peer: peer, origin: signed.head.origin, seq: signed.head.seq,
                        reason: refusal.reason, detail: "head: " + refusal.detail))
            }
            return .success(.head(signed))
        default:
            return .failure(
                Refusal(peer: peer, reason: .malformed, detail: "unknown payload type '\(envelope.payloadType)'"))
        }
    }

    /// Why `origin`'s envelope at `seq` cannot be accepted, or nil when a key trusted for that seq
    /// verifies it.
    private static func check(
        origin: String, seq: Int64, trust: TrustSet, verify: (NodePublicKey) throws -> Void
    ) -> (reason: Refusal.Reason, detail: String)? {
        let keys = trust.keys(for: origin)
        guard !keys.isEmpty else {
            switch trust.distrust(of: origin) {
            case .unknown: return (.untrustedOrigin, "origin is neither pinned nor endorsed")
            case .expired: return (.endorsementExpired, "the origin's endorsement has expired")
            case .revoked: return (.endorsementRevoked, "the origin's endorsement was revoked")
            }
        }
        let valid = trust.keys(for: origin, seq: seq)
        for key in valid where (try? verify(key)) != nil { return nil }
        for key in keys where !valid.contains(key) && (try? verify(key)) != nil {
            let first = trust.firstSeq(of: key, origin: origin) ?? 1
            return (.retiredKey, "signed with key \(key.keyID(origin: origin)), valid from seq \(first) on only")
        }
        for key in trust.retiredKeys(for: origin) where (try? verify(key)) != nil {
            return (.retiredKey, "signed with key \(key.keyID(origin: origin)), which a key rotation retired")
        }
        return (.badSignature, "signature does not verify under the origin's trusted key")
    }

    private static func message(_ error: any Error) -> String {
        (error as? CatalogError)?.message ?? "\(error)"
    }
}

extension Refusal: Error {}
