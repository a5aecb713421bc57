/// A count of matched entries sharing one value of a facet.
public struct FacetCount: Sendable, Codable, Equatable {
    public let value: String
    public let count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}
