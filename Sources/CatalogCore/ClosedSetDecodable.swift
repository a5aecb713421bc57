import Foundation

/// An enum whose decoding error lists the values it accepts, so an import error can say
/// "mode: 'remote' is not one of onsite, online, hybrid" instead of a generic decoding failure.
public protocol ClosedSetDecodable: RawRepresentable<String>, CaseIterable, Decodable {}

extension ClosedSetDecodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        let trimmed = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard let value = Self(rawValue: trimmed) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(raw)' is not one of \(Self.allowedValues)"
            )
        }
        self = value
    }

    /// The accepted values, comma separated, for messages.
    public static var allowedValues: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// Parses user input leniently (case and surrounding blanks do not matter).
    public static func parse(_ text: String) -> Self? {
        Self(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
