import CatalogCore
import Foundation
import GRDB

/// One row of the `entry` table: the newest envelope of an entry and what the node knows of it.
public struct StoredEntry: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "entry"

    public enum Columns {
        static let origin = Column(CodingKeys.origin)
        static let id = Column(CodingKeys.id)
        static let seq = Column(CodingKeys.seq)
        static let deleted = Column(CodingKeys.deleted)
        static let type = Column(CodingKeys.type)
        static let visibility = Column(CodingKeys.visibility)
        static let receipt = Column(CodingKeys.receipt)
    }

    public var origin: String
    public var id: String
    public var seq: Int64
    public var updated: String
    public var deleted: Bool
    /// The entry's type, nil for a tombstone.
    public var type: EntryType?
    public var visibility: Visibility
    public var payloadHash: String
    /// The envelope's JSON exactly as signed or received.
    public var envelope: Data
    /// Position in this node's change feed.
    public var receipt: Int64
    public var receivedAt: String
    /// The peer it came through; nil for the node's own entries.
    public var viaPeer: String?

    enum CodingKeys: String, CodingKey {
        case origin, id, seq, updated, deleted, type, visibility, envelope, receipt
        case payloadHash = "payload_hash"
        case receivedAt = "received_at"
        case viaPeer = "via_peer"
    }

    /// The envelope parsed again from the stored bytes.
    public func signedEntry() throws -> SignedEntry {
        try SignedEntry(bytes: envelope)
    }
}
