import Foundation

/// An enum whose decoding error lists the values it accepts, so an import error can say
/// "mode: 'remote' is not one of onsite, online, hybrid" instead of a generic decoding failure.
public protocol ClosedSetDecodable: RawRepresentable<String>, CaseIterable, Decodable {}

extension ClosedSetDecodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        // A received payload holds the value exactly as writers write it; files people made (and
        // what older versions stored) may differ in case and blanks.
        let onWire = decoder.userInfo[UnknownFields.strictFormKey] as? Bool == true
        guard let value = Self(rawValue: onWire ? raw : raw.trimmingCharacters(in: .whitespaces).lowercased()) else {
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
