/// What a write did to the node's own catalog.
public struct WriteSummary: Sendable, Equatable, Codable {
    public var added: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    public var withdrawn: [String] = []
    /// The origin's seq after the write (the seq of the head signed with it).
    public var seq: Int64 = 0

    public init() {}

    public var changed: Int { added.count + updated.count + withdrawn.count }
}
