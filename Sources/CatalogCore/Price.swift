/// What taking part costs: free, or an amount as a decimal string (`"450.00"`) in a currency,
/// possibly free for members of the offering cluster.
public struct Price: Codable, Sendable, Hashable {
    public var free: Bool?
    public var amount: String?
    public var currency: String?
    public var freeForMembers: Bool?

    public init(free: Bool? = nil, amount: String? = nil, currency: String? = nil, freeForMembers: Bool? = nil) {
        self.free = free
        self.amount = amount
        self.currency = currency
        self.freeForMembers = freeForMembers
    }

    public static let gratis = Price(free: true)

    /// Whether nobody pays.
    public var isFree: Bool { free == true }
}

/// Refuses unknown fields like `Entry` does; encoding stays synthesized.
extension Price {
    public init(from decoder: any Decoder) throws {
        try UnknownFields.reject(in: decoder, known: ["free", "amount", "currency", "freeForMembers"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            free: try c.decodeIfPresent(Bool.self, forKey: .free),
            amount: try c.decodeIfPresent(String.self, forKey: .amount),
            currency: try c.decodeIfPresent(String.self, forKey: .currency),
            freeForMembers: try c.decodeIfPresent(Bool.self, forKey: .freeForMembers))
    }
}
