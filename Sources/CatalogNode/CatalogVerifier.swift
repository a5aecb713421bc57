import CatalogCore
import CatalogStore
import Foundation

/// Re-checks everything the node stores: every envelope against the keys it trusts for the origin
/// and against the columns it is indexed by, and every head against the catalog it describes.
public struct CatalogVerifier: Sendable {
    public struct Failure: Sendable, Codable, Hashable {
        public let origin: String
        /// The entry id, or nil for a problem with the origin's head.
        public let id: String?
        public let reason: String
    }

    public struct Report: Sendable, Codable {
        public var entriesChecked = 0
        public var headsChecked = 0
        public var failures: [Failure] = []

        public var isClean: Bool { failures.isEmpty }
    }

    public let store: CatalogStore
    /// The keys trusted now (pinned, endorsed or the node's own) to sign an origin's envelope with
    /// a seq.
    public let trustedKeys: @Sendable (_ origin: String, _ seq: Int64) -> [NodePublicKey]
    /// How many rows are read at a time, so memory stays flat for any catalog size.
    public var pageSize = 1_000

    public init(store: CatalogStore, trustedKeys: @escaping @Sendable (String, Int64) -> [NodePublicKey]) {
        self.store = store
        self.trustedKeys = trustedKeys
    }

    public func verify(now: Date = Date()) async throws -> Report {
        var report = Report()
        var position: (origin: String, id: String)?
        while true {
            let page = try await store.entriesPage(after: position, limit: pageSize)
            for row in page {
                report.entriesChecked += 1
                if let reason = Self.problem(with: row, keys: trustedKeys(row.origin, row.seq)) {
                    report.failures.append(Failure(origin: row.origin, id: row.id, reason: reason))
                }
            }
            guard let last = page.last, page.count == pageSize else { break }
            position = (last.origin, last.id)
        }
        for origin in try await store.origins() {
            guard let head = try await store.head(origin: origin.name) else { continue }
            report.headsChecked += 1
            let keys = trustedKeys(origin.name, head.seq)
            if let reason = try await headProblem(head, keys: keys, isSelf: origin.isSelf) {
                report.failures.append(Failure(origin: origin.name, id: nil, reason: reason))
            }
        }
        return report
    }

    /// Why a stored row is not what its signature says, or nil when it is.
    static func problem(with row: StoredEntry, keys: [NodePublicKey]) -> String? {
        let signed: SignedEntry
        do {
            signed = try row.signedEntry()
        } catch {
            return "stored envelope does not parse: \(error)"
        }
        if keys.isEmpty { return "no key trusted for origin \(row.origin) at seq \(row.seq)" }
        guard keys.contains(where: { (try? signed.verify(with: $0)) != nil }) else {
            return "signature does not verify with any key trusted for \(row.origin) at seq \(row.seq)"
        }
        if signed.origin != row.origin || signed.id != row.id || signed.seq != row.seq
            || signed.isTombstone != row.deleted || signed.payloadHash != row.payloadHash
            || signed.entry?.type != row.type
        {
            return "stored columns do not match the signed payload"
        }
        return nil
    }

    /// Why a stored head is wrong, or nil. The node's own head must describe its catalog exactly;
    /// a received origin's may be ahead of what has arrived (sync reports that as missing entries).
    private func headProblem(_ head: StoredHead, keys: [NodePublicKey], isSelf: Bool) async throws -> String? {
        let signed: SignedHead
        do {
            signed = try head.signedHead()
        } catch {
            return "stored head does not parse: \(error)"
        }
        guard keys.contains(where: { (try? signed.verify(with: $0)) != nil }) else {
            return "head signature does not verify with any trusted key"
        }
        guard signed.head.seq == head.seq, signed.head.digest == head.digest, signed.head.live == head.live else {
            return "stored head columns do not match the signed head"
        }
        if isSelf {
            let lines = try await store.liveLines(origin: head.origin)
            if lines.count != signed.head.live || CatalogDigest.compute(lines) != signed.head.digest {
                return
                    "head (seq \(signed.head.seq), \(signed.head.live) live) does not match the stored catalog (\(lines.count) live)"
            }
        }
        return nil
    }
}
