/// The two kinds of entry that share one schema.
public enum EntryType: String, Codable, Sendable, CaseIterable, ClosedSetDecodable {
    /// A standing or dated offering of a cluster management: a service, an event, a study...
    case offering
    /// A course with dated sessions, or on demand when it has none.
    case training
}
