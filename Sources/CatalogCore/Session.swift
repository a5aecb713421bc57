/// One dated occurrence of a training.
public struct Session: Codable, Sendable, Hashable {
    /// A stable name for the session within its training (calendar exports build their UID from it);
    /// the start time stands in when absent.
    public var id: String?
    public var start: CatalogDateTime
    public var end: CatalogDateTime
    public var mode: SessionMode
    public var location: Location?
    /// Where online participants join (https).
    public var onlineUrl: String?
    /// ISO 639-1 code of the language the session is held in.
    public var language: String?
    public var seats: Int?
    public var registrationDeadline: CatalogDate?
    public var status: SessionStatus?

    public init(
        id: String? = nil, start: CatalogDateTime, end: CatalogDateTime, mode: SessionMode,
        location: Location? = nil, onlineUrl: String? = nil, language: String? = nil, seats: Int? = nil,
        registrationDeadline: CatalogDate? = nil, status: SessionStatus? = nil
    ) {
        self.id = id
        self.start = start
        self.end = end
        self.mode = mode
        self.location = location
        self.onlineUrl = onlineUrl
        self.language = language
        self.seats = seats
        self.registrationDeadline = registrationDeadline
        self.status = status
    }

    public var isCancelled: Bool { status == .cancelled }
}

/// Refuses unknown fields like `Entry` does; encoding stays synthesized.
extension Session {
    public init(from decoder: any Decoder) throws {
        try UnknownFields.reject(
            in: decoder,
            known: [
                "id", "start", "end", "mode", "location", "onlineUrl", "language", "seats",
                "registrationDeadline", "status",
            ])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decodeIfPresent(String.self, forKey: .id),
            start: try c.decode(CatalogDateTime.self, forKey: .start),
            end: try c.decode(CatalogDateTime.self, forKey: .end),
            mode: try c.decode(SessionMode.self, forKey: .mode),
            location: try c.decodeIfPresent(Location.self, forKey: .location),
            onlineUrl: try c.decodeIfPresent(String.self, forKey: .onlineUrl),
            language: try c.decodeIfPresent(String.self, forKey: .language),
            seats: try c.decodeIfPresent(Int.self, forKey: .seats),
            registrationDeadline: try c.decodeIfPresent(CatalogDate.self, forKey: .registrationDeadline),
            status: try c.decodeIfPresent(SessionStatus.self, forKey: .status))
    }
}
