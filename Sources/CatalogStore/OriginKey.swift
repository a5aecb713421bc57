import CatalogCore
import Foundation
import GRDB

/// A key whose signatures the node accepts for an origin, and why it is trusted.
public struct OriginKey: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "origin_key"

    public enum Source: String, Codable, Sendable {
        /// The node's own key.
        case `self`
        /// Pinned in a peer file.
        case pinned
        /// Vouched for by an endorsement.
        case endorsed
    }

    public var origin: String
    public var keyID: String
    public var publicKey: Data
    public var source: Source
    public var addedAt: String

    enum CodingKeys: String, CodingKey {
        case origin, source
        case keyID = "key_id"
        case publicKey = "public_key"
        case addedAt = "added_at"
    }

    public init(origin: String, key: NodePublicKey, source: Source, addedAt: String) {
        self.origin = origin
        self.keyID = key.keyID(origin: origin)
        self.publicKey = key.rawRepresentation
        self.source = source
        self.addedAt = addedAt
    }

    public func nodePublicKey() throws -> NodePublicKey {
        try NodePublicKey(raw: publicKey)
    }
}
