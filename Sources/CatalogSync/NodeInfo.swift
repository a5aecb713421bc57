import CatalogCore

/// What `GET /v1/node` answers: who the node is and which key signs its entries.
public struct NodeInfo: Codable, Sendable, Equatable {
    public struct Key: Codable, Sendable, Equatable {
        public let keyid: String
        /// `ed25519:BASE64`.
        public let publicKey: String
        public let fingerprint: String

        public init(keyid: String, publicKey: String, fingerprint: String) {
            self.keyid = keyid
            self.publicKey = publicKey
            self.fingerprint = fingerprint
        }
    }

    /// The protocol version this node speaks.
    public let protocolVersion: Int
    public let name: String
    public let displayName: String
    public let level: String
    public let region: String
    public let keys: [Key]
    /// How many endorsement statements the node holds and serves on `/v1/endorsements`.
    public let endorsements: Int

    public static let currentProtocol = 1

    public init(
        name: String, displayName: String, level: String, region: String, keys: [Key], endorsements: Int,
        protocolVersion: Int = NodeInfo.currentProtocol
    ) {
        self.protocolVersion = protocolVersion
        self.name = name
        self.displayName = displayName
        self.level = level
        self.region = region
        self.keys = keys
        self.endorsements = endorsements
    }
}
