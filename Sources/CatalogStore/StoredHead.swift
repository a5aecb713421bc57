import CatalogCore
import Foundation
import GRDB

/// One row of the `head` table: the newest signed head of an origin.
public struct StoredHead: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "head"

    public var origin: String
    public var seq: Int64
    public var live: Int
    public var digest: String
    public var issued: String
    public var expires: String
    public var envelope: Data
    public var receivedAt: String
    /// Position in this node's change feed, shared with entries.
    public var receipt: Int64?
    /// The peer it came through; nil for the node's own head.
    public var viaPeer: String?

    enum CodingKeys: String, CodingKey {
        case origin, seq, live, digest, issued, expires, envelope, receipt
        case receivedAt = "received_at"
        case viaPeer = "via_peer"
    }

    public init(_ signed: SignedHead, receivedAt: String, receipt: Int64, viaPeer: String?) {
        origin = signed.head.origin
        seq = signed.head.seq
        live = signed.head.live
        digest = signed.head.digest
        issued = signed.head.issued
        expires = signed.head.expires
        envelope = signed.envelope.bytes
        self.receivedAt = receivedAt
        self.receipt = receipt
        self.viaPeer = viaPeer
    }

    public func signedHead() throws -> SignedHead {
        try SignedHead(bytes: envelope)
    }
}
