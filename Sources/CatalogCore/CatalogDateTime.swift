import Foundation

/// A point in time as written in the entry: `2027-03-15T09:00` (Berlin wall-clock time) or with an
/// offset (`2027-03-15T09:00:00+01:00`, `...Z`). The text is kept as written, so a signed entry
/// reads back exactly; `instant` is what comparisons use.
public struct CatalogDateTime: Codable, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let instant: Date

    /// Reads what a person typed; a blank between date and time becomes the `T` payloads hold.
    public init?(_ text: String) {
        guard let fields = CivilCalendar.parseDateTime(text), let instant = CivilCalendar.instant(of: fields) else {
            return nil
        }
        self.text = Self.withT(text)
        self.instant = instant
    }

    static func withT(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        if scalars.count > 10, scalars[10] == " " { scalars[10] = "T" }
        return String(String.UnicodeScalarView(scalars))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        let onWire = decoder.userInfo[UnknownFields.strictFormKey] as? Bool == true
        guard let value = CatalogDateTime(raw), !onWire || value.text == raw else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(raw)' is not a real date and time in the form YYYY-MM-DDTHH:MM[:SS][+01:00]")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }

    public static func == (lhs: CatalogDateTime, rhs: CatalogDateTime) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
