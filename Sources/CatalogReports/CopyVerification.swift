import CatalogCore
import CatalogStore
import CatalogTrust
import Foundation

/// How many of each received origin's envelopes no longer verify under the keys the node trusts
/// for their seqs: what `verify` finds, told without reading every envelope. Envelopes are read
/// and checked only in groups whose key id is not trusted for all their seqs.
enum CopyVerification {
    static func unverified(store: CatalogStore, trust: TrustSet, origin: String? = nil) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for group in try await store.signerGroups(origin: origin) {
            let key = group.signer.flatMap { signer in
                trust.keys(for: group.origin).first { $0.keyID(origin: group.origin) == signer }
            }
            let covered =
                key.map { key in
                    trust.grants(for: group.origin).contains {
                        $0.key == key && $0.covers(max(1, group.minSeq)) && $0.covers(group.maxSeq)
                    }
                } ?? false
            if covered { continue }
            let failing = try await store.entries(of: group).filter { row in
                guard let signed = try? row.signedEntry() else { return true }
                return !trust.keys(for: row.origin, seq: row.seq).contains { (try? signed.verify(with: $0)) != nil }
            }.count
            if failing > 0 { counts[group.origin, default: 0] += failing }
        }
        return counts
    }
}
