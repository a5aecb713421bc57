/// An origin's signed statement of its catalog: the latest seq, how many federated entries are live,
/// and a digest over them (`CatalogDigest`), valid from `issued` until `expires`.
public struct HeadPayload: Codable, Sendable, Hashable {
    public let origin: String
    public let seq: Int64
    public let live: Int
    public let digest: String
    public let issued: String
    public let expires: String

    public init(origin: String, seq: Int64, live: Int, digest: String, issued: String, expires: String) {
        self.origin = origin
        self.seq = seq
        self.live = live
        self.digest = digest
        self.issued = issued
        self.expires = expires
    }
}
