/// An origin's statement that it signs with a new key from `fromSeq` on. The envelope carries two
/// signatures: the old key's, which is what makes peers trust the new key, and the new key's, which
/// proves the origin holds it.
public struct KeyRotationPayload: Codable, Sendable, Hashable {
    public let origin: String
    /// `ed25519:BASE64` of the key signed with until now.
    public let oldKey: String
    /// `ed25519:BASE64` of the key signed with from `fromSeq` on.
    public let newKey: String
    public let fromSeq: Int64
    public let issued: String

    public init(origin: String, oldKey: String, newKey: String, fromSeq: Int64, issued: String) {
        self.origin = origin
        self.oldKey = oldKey
        self.newKey = newKey
        self.fromSeq = fromSeq
        self.issued = issued
    }
}
