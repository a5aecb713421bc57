/// A cancelled session is kept with its status rather than dropped, so calendars can show the cancellation.
public enum SessionStatus: String, Codable, Sendable, CaseIterable, ClosedSetDecodable {
    case scheduled
    case cancelled
}
