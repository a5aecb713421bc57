/// What the node holds of one origin.
public struct OriginSummary: Sendable, Hashable, Codable {
    public var name: String
    public var isSelf: Bool
    /// The highest seq of the origin seen here.
    public var maxSeq: Int64
    /// Live entries (tombstones not counted), local ones included.
    public var live: Int
    public var withdrawn: Int
    /// Live entries others may see (local ones left out): what the feed and `/metrics` count.
    public var federated: Int
}
