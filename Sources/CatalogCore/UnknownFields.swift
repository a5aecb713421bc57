/// Refuses object fields a type does not know, naming the first one, so that a typo in an import
/// file is an error rather than a silently missing value.
enum UnknownFields {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Set to `true` in a decoder's `userInfo` to skip the check (wire payloads, see `CatalogJSON`).
    static let allowKey = CodingUserInfoKey(rawValue: "clusterexchange.allowUnknownFields")!

    /// Set to `true` to hold values to the one spelling payloads use (a received envelope): exact
    /// vocabulary values, `T` between date and time. Left out when the node reads what it stored,
    /// which older versions may have written more loosely.
    static let strictFormKey = CodingUserInfoKey(rawValue: "clusterexchange.strictForm")!

    static func reject(in decoder: any Decoder, known: [String]) throws {
        if decoder.userInfo[allowKey] as? Bool == true { return }
        let container = try decoder.container(keyedBy: AnyKey.self)
        let knownSet = Set(known)
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !knownSet.contains($0) }) {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath + [AnyKey(stringValue: unknown)],
                    debugDescription: "unknown field"))
        }
    }
}
