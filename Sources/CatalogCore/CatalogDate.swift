import Foundation

/// A calendar date (`2027-03-15`), as written in the entry. Decoding refuses dates that do not exist.
public struct CatalogDate: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let text: String

    public init?(_ text: String) {
        guard CivilCalendar.parseDate(text) != nil else { return nil }
        self.text = text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = CatalogDate(raw) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(raw)' is not a real date in the form YYYY-MM-DD")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }

    /// The day after.
    public var next: CatalogDate {
        guard var f = CivilCalendar.parseDate(text) else { return self }
        f.day += 1
        if f.day > CivilCalendar.daysInMonth(year: f.year, month: f.month) {
            f.day = 1
            f.month += 1
            if f.month > 12 {
                f.month = 1
                f.year += 1
            }
        }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return CatalogDate("\(f.year)-\(two(f.month))-\(two(f.day))") ?? self
    }

    /// ISO dates compare correctly as text.
    public static func < (lhs: CatalogDate, rhs: CatalogDate) -> Bool { lhs.text < rhs.text }
}
