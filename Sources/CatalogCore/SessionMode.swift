/// How a training session is held; maps to schema.org's `courseMode` and `eventAttendanceMode`.
public enum SessionMode: String, Codable, Sendable, CaseIterable, ClosedSetDecodable {
    case onsite
    case online
    case hybrid

    /// Whether people meet in a place, so the session needs a location.
    public var hasVenue: Bool { self != .online }
}
