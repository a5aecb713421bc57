import CatalogCore
import Foundation

/// One origin's catalog as the generator keeps it: which revision of each entry is current and
/// under which seq it was signed. Edits get the next seqs, and every state has its signed head,
/// just as the origin's own node would write them.
public struct SyntheticCatalog: Sendable {
    public let federation: SyntheticFederation
    public let origin: Int
    public let key: NodeSigningKey
    /// Entries edited since generation: index → revision.
    private var revisions: [Int: Int] = [:]
    /// Seqs of edited entries; entry `i` was first signed with seq `i + 1`.
    private var seqs: [Int: Int64] = [:]
    public private(set) var maxSeq: Int64
    /// The `updated` time of every version: fixed, so that payloads depend on the seed alone.
    private let updated: String

    public init(federation: SyntheticFederation, origin: Int) {
        self.federation = federation
        self.origin = origin
        self.key = federation.signingKey(origin: origin)
        maxSeq = Int64(federation.entriesPerOrigin)
        updated = "\(federation.startDay.text)T06:00:00Z"
    }

    public var name: String { key.origin }

    private func payload(_ index: Int) -> EntryPayload {
        .version(
            of: federation.entry(origin: origin, index: index, revision: revisions[index] ?? 0), origin: name,
            seq: seqs[index] ?? Int64(index + 1), updated: updated)
    }

    /// The current versions of entries `range`, signed.
    public func signedEntries(_ range: Range<Int>) throws -> [SignedEntry] {
        try range.map { try SignedEntry.sign(payload($0), with: key) }
    }

    /// Edits entries `indexes` to `revision` and returns their new versions, signed with the next seqs.
    public mutating func edit(_ indexes: [Int], revision: Int) throws -> [SignedEntry] {
        try indexes.map { index in
            maxSeq += 1
            revisions[index] = revision
            seqs[index] = maxSeq
            return try SignedEntry.sign(payload(index), with: key)
        }
    }

    /// A head over the catalog as it stands, valid for `days`.
    public func head(issued: Date, days: Int = 30) throws -> SignedHead {
        let lines = (0..<federation.entriesPerOrigin).map { index in
            let payload = payload(index)
            return CatalogDigest.Line(
                id: payload.id, seq: payload.seq,
                payloadHash: CatalogDigest.payloadHash(try! CatalogJSON.encode(payload)))
        }
        return try SignedHead.sign(
            HeadPayload(
                origin: name, seq: maxSeq, live: lines.count, digest: CatalogDigest.compute(lines),
                issued: Timestamp.format(issued),
                expires: Timestamp.format(issued.addingTimeInterval(Double(days) * 86_400))),
            with: key)
    }
}
