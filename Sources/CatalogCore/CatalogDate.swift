import Foundation

/// A calendar date (`2027-03-15`), as written in the entry. Decoding refuses dates that do not exist.
public struct CatalogDate: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let text: String

    public init?(_ text: String) {
        guard CivilCalendar.parseDate(text) != nil else { return nil }
        self.text = text
    }

    /// A date as a person types it: `2027-03-15`, or German style `15.03.2027` (`5.3.2027` too).
    public init?(reading text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        self.init(Self.isoForm(ofGerman: trimmed) ?? trimmed)
    }

    /// `15.03.2027` → `2027-03-15`; nil when the text is not in that form.
    public static func isoForm(ofGerman text: String) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        func two(_ s: Substring) -> String { s.count == 1 ? "0" + s : String(s) }
        return "\(parts[2])-\(two(parts[1]))-\(two(parts[0]))"
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
