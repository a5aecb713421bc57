/// Who to ask about an entry. Prefer a role mailbox (`akademie@cluster.example`); a named person
/// is for staff in an external-facing role, and never more than name, function, e-mail and phone.
public struct Contact: Codable, Sendable, Hashable {
    public var email: String?
    public var phone: String?
    public var name: String?
    public var function: String?

    public init(email: String? = nil, phone: String? = nil, name: String? = nil, function: String? = nil) {
        self.email = email
        self.phone = phone
        self.name = name
        self.function = function
    }
}

/// Refuses unknown fields like `Entry` does; encoding stays synthesized.
extension Contact {
    public init(from decoder: any Decoder) throws {
        try UnknownFields.reject(in: decoder, known: ["email", "phone", "name", "function"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            email: try c.decodeIfPresent(String.self, forKey: .email),
            phone: try c.decodeIfPresent(String.self, forKey: .phone),
            name: try c.decodeIfPresent(String.self, forKey: .name),
            function: try c.decodeIfPresent(String.self, forKey: .function))
    }
}
