/// Entries are read from files people write, so decoding is strict about names (an unknown field
/// such as a misspelt `titel` is an error, not silently dropped) and lenient about absence (missing
/// lists are empty, a missing visibility is federated). Encoding leaves out what is empty, which keeps
/// signed payloads small.
extension Entry: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, type, title, summary, description, topics, keywords, audience, regions, languages, url
        case organizer, contact, price, visibility, kind, validFrom, validUntil, format, sessions
        case durationHours, level, certificate, registrationUrl
    }

    public init(from decoder: any Decoder) throws {
        try UnknownFields.reject(in: decoder, known: CodingKeys.allCases.map(\.stringValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        type = try c.decode(EntryType.self, forKey: .type)
        title = try c.decode(LocalizedText.self, forKey: .title)
        summary = try c.decodeIfPresent(LocalizedText.self, forKey: .summary)
        description = try c.decodeIfPresent(LocalizedText.self, forKey: .description)
        topics = try c.decodeIfPresent([String].self, forKey: .topics) ?? []
        keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? []
        audience = try c.decodeIfPresent([String].self, forKey: .audience) ?? []
        regions = try c.decodeIfPresent([String].self, forKey: .regions) ?? []
        languages = try c.decodeIfPresent([String].self, forKey: .languages) ?? []
        url = try c.decodeIfPresent(String.self, forKey: .url)
        organizer = try c.decodeIfPresent(String.self, forKey: .organizer)
        contact = try c.decodeIfPresent(Contact.self, forKey: .contact)
        price = try c.decodeIfPresent(Price.self, forKey: .price)
        visibility = try c.decodeIfPresent(Visibility.self, forKey: .visibility) ?? .federated
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        validFrom = try c.decodeIfPresent(CatalogDate.self, forKey: .validFrom)
        validUntil = try c.decodeIfPresent(CatalogDate.self, forKey: .validUntil)
        format = try c.decodeIfPresent(String.self, forKey: .format)
        sessions = try c.decodeIfPresent([Session].self, forKey: .sessions) ?? []
        durationHours = try c.decodeIfPresent(Double.self, forKey: .durationHours)
        level = try c.decodeIfPresent(TrainingLevel.self, forKey: .level)
        certificate = try c.decodeIfPresent(String.self, forKey: .certificate)
        registrationUrl = try c.decodeIfPresent(String.self, forKey: .registrationUrl)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeUnlessEmpty(topics, forKey: .topics)
        try c.encodeUnlessEmpty(keywords, forKey: .keywords)
        try c.encodeUnlessEmpty(audience, forKey: .audience)
        try c.encodeUnlessEmpty(regions, forKey: .regions)
        try c.encodeUnlessEmpty(languages, forKey: .languages)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encodeIfPresent(organizer, forKey: .organizer)
        try c.encodeIfPresent(contact, forKey: .contact)
        try c.encodeIfPresent(price, forKey: .price)
        try c.encode(visibility, forKey: .visibility)
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encodeIfPresent(validFrom, forKey: .validFrom)
        try c.encodeIfPresent(validUntil, forKey: .validUntil)
        try c.encodeIfPresent(format, forKey: .format)
        try c.encodeUnlessEmpty(sessions, forKey: .sessions)
        try c.encodeIfPresent(durationHours, forKey: .durationHours)
        try c.encodeIfPresent(level, forKey: .level)
        try c.encodeIfPresent(certificate, forKey: .certificate)
        try c.encodeIfPresent(registrationUrl, forKey: .registrationUrl)
    }
}

extension KeyedEncodingContainer {
    mutating func encodeUnlessEmpty<T: Encodable>(_ values: [T], forKey key: Key) throws {
        if !values.isEmpty { try encode(values, forKey: key) }
    }
}
