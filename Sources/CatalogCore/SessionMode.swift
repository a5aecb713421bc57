/// How a training session is held; maps to schema.org's `courseMode` and `eventAttendanceMode`.
public enum SessionMode: String, Codable, Sendable, CaseIterable, ClosedSetDecodable {
    case onsite
    case online
    case hybrid

    /// A mode by any of its names in the modes vocabulary: `onsite`, `Präsenz`, `vor Ort`, `Online`.
    public init?(named text: String) {
        guard let id = Vocabularies.modes.resolve(text) else { return nil }
        self.init(rawValue: id)
    }

    /// Whether people meet in a place, so the session needs a location.
    public var hasVenue: Bool { self != .online }
}
