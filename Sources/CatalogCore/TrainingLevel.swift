/// The level a training is pitched at.
public enum TrainingLevel: String, Codable, Sendable, CaseIterable, ClosedSetDecodable {
    case beginner
    case intermediate
    case advanced
}
