/// Where a session takes place.
public struct Location: Codable, Sendable, Hashable {
    /// The venue, e.g. "Innovations- und Forschungszentrum Tuttlingen".
    public var name: String?
    public var street: String?
    public var postalCode: String?
    public var city: String
    /// ISO 3166-2 code of the state, e.g. `DE-BW`.
    public var region: String?
    /// ISO 3166-1 alpha-2 country code; Germany when absent.
    public var country: String?

    public init(
        name: String? = nil, street: String? = nil, postalCode: String? = nil, city: String,
        region: String? = nil, country: String? = nil
    ) {
        self.name = name
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.region = region
        self.country = country
    }
}

/// Refuses unknown fields like `Entry` does; encoding stays synthesized.
extension Location {
    public init(from decoder: any Decoder) throws {
        try UnknownFields.reject(in: decoder, known: ["name", "street", "postalCode", "city", "region", "country"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decodeIfPresent(String.self, forKey: .name),
            street: try c.decodeIfPresent(String.self, forKey: .street),
            postalCode: try c.decodeIfPresent(String.self, forKey: .postalCode),
            city: try c.decode(String.self, forKey: .city),
            region: try c.decodeIfPresent(String.self, forKey: .region),
            country: try c.decodeIfPresent(String.self, forKey: .country))
    }
}
