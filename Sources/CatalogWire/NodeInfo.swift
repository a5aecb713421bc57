import CatalogCore

/// What `GET /v1/node` answers: who the node is, which key signs its entries from which seq, and
/// which origins it vouches for.
public struct NodeInfo: Codable, Sendable, Equatable {
    public struct Key: Codable, Sendable, Equatable {
        public enum Status: String, Codable, Sendable {
            /// The key the node signs with now.
            case current
            /// A key a rotation retired: it signs nothing any more, and its seqs were re-signed.
            case retired
        }

        public let keyid: String
        /// `ed25519:BASE64`.
        public let publicKey: String
        /// The 64 lowercase hex digits of SHA-256 over the raw key (`NodePublicKey.fingerprint`).
        public let fingerprint: String
        /// Absent only in descriptions of nodes older than these fields.
        public let status: Status?
        /// The first seq the key signed (1, or the `fromSeq` of the rotation that made it).
        public let fromSeq: Int64?
        /// For a retired key, the last seq it signed before the rotation that retired it.
        public let untilSeq: Int64?

        public init(
            keyid: String, publicKey: String, fingerprint: String, status: Status? = nil, fromSeq: Int64? = nil,
            untilSeq: Int64? = nil
        ) {
            self.keyid = keyid
            self.publicKey = publicKey
            self.fingerprint = fingerprint
            self.status = status
            self.fromSeq = fromSeq
            self.untilSeq = untilSeq
        }
    }

    /// An origin the node trusts, whose entries and head it serves in its feed.
    public struct Vouch: Codable, Sendable, Equatable {
        public let origin: String
        public let level: String
        public let region: String
        /// The key ids the node accepts for the origin.
        public let keys: [String]

        public init(origin: String, level: String, region: String, keys: [String]) {
            self.origin = origin
            self.level = level
            self.region = region
            self.keys = keys
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
    /// The origins the node trusts now, itself included, sorted; nil from nodes older than it.
    public let vouches: [Vouch]?

    public static let currentProtocol = 1

    public init(
        name: String, displayName: String, level: String, region: String, keys: [Key], endorsements: Int,
        vouches: [Vouch]? = nil, protocolVersion: Int = NodeInfo.currentProtocol
    ) {
        self.protocolVersion = protocolVersion
        self.name = name
        self.displayName = displayName
        self.level = level
        self.region = region
        self.keys = keys
        self.endorsements = endorsements
        self.vouches = vouches
    }
}

extension NodeInfo {
    /// The longest display name a node keeps of a peer.
    public static let maxDisplayName = 120
    /// The most keys a node description may list (its current key and those it rotated from).
    public static let maxKeys = 16
    /// The most origins a node description may vouch for.
    public static let maxVouches = 10_000

    /// The description, checked before anything of it is shown or written to a peer file: a slug
    /// for a name, a short display name without control characters, a level and region from the
    /// vocabularies, and one to `maxKeys` keys that parse.
    public func validated() throws -> NodeInfo {
        guard Slug.isValidOrigin(name) else {
            throw CatalogError(.invalidInput, "the peer's name '\(SafeText.excerpt(name, limit: 70))' is not a slug")
        }
        let printable = !displayName.unicodeScalars.contains {
            [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
        }
        guard !displayName.isEmpty, displayName.count <= Self.maxDisplayName, printable else {
            throw CatalogError(
                .invalidInput,
                "the peer's display name '\(SafeText.excerpt(displayName, limit: 70))' is empty, longer than "
                    + "\(Self.maxDisplayName) characters or holds control characters")
        }
        guard NodeLevel(rawValue: level) != nil else {
            throw CatalogError(
                .invalidInput,
                "the peer's level '\(SafeText.excerpt(level, limit: 40))' is not cluster, agency or national")
        }
        guard Vocabularies.regions.contains(region) else {
            throw CatalogError(
                .invalidInput,
                "the peer's region '\(SafeText.excerpt(region, limit: 40))' is not DE or a German state code")
        }
        guard (1...Self.maxKeys).contains(keys.count) else {
            throw CatalogError(.invalidInput, "the peer lists \(keys.count) keys; 1 to \(Self.maxKeys) are allowed")
        }
        for key in keys { _ = try NodePublicKey(text: key.publicKey) }
        guard (vouches?.count ?? 0) <= Self.maxVouches else {
            throw CatalogError(.invalidInput, "the peer vouches for more than \(Self.maxVouches) origins")
        }
        return self
    }
}
