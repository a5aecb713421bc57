import Foundation

/// Strict parsing of the date and time forms the catalog accepts, and the conversions to instants.
/// Catalog times without an offset are wall-clock times in Germany (Europe/Berlin).
public enum CivilCalendar {
    /// The time zone of local catalog times and of calendar exports.
    public static let berlin: TimeZone = TimeZone(identifier: "Europe/Berlin") ?? TimeZone(secondsFromGMT: 3600)!

    public struct Fields: Sendable, Equatable {
        public var year: Int, month: Int, day: Int
        public var hour: Int = 0, minute: Int = 0, second: Int = 0
        /// Offset from UTC in seconds, or nil for a Berlin wall-clock time.
        public var offsetSeconds: Int?
    }

    /// Parses `YYYY-MM-DD`. Returns nil unless it is a real calendar date.
    public static func parseDate(_ text: String) -> Fields? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10])
        else { return nil }
        let fields = Fields(year: year, month: month, day: day)
        return isReal(fields) ? fields : nil
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]`. Returns nil unless every part is in range.
    public static func parseDateTime(_ text: String) -> Fields? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            var fields = parseDate(String(decoding: bytes[0..<10], as: UTF8.self)),
            bytes[13] == UInt8(ascii: ":"),
            let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16])
        else { return nil }
        fields.hour = hour
        fields.minute = minute
        var rest = bytes[16...]
        if rest.first == UInt8(ascii: ":") {
            guard rest.count >= 3, let second = number(rest.dropFirst().prefix(2)) else { return nil }
            fields.second = second
            rest = rest.dropFirst(3)
        }
        if rest.first == UInt8(ascii: "Z") && rest.count == 1 {
            fields.offsetSeconds = 0
        } else if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            let tail = Array(rest.dropFirst())
            guard tail.count == 5, tail[2] == UInt8(ascii: ":"),
                let oh = number(tail[0..<2]), let om = number(tail[3..<5]), oh <= 14, om < 60
            else { return nil }
            fields.offsetSeconds = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        } else if !rest.isEmpty {
            return nil
        }
        guard hour < 24, minute < 60, fields.second < 60 else { return nil }
        return fields
    }

    /// The instant a parsed date-time stands for.
    public static func instant(of fields: Fields) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = fields.offsetSeconds.flatMap { TimeZone(secondsFromGMT: $0) } ?? berlin
        return calendar.date(
            from: DateComponents(
                year: fields.year, month: fields.month, day: fields.day,
                hour: fields.hour, minute: fields.minute, second: fields.second))
    }

    /// The Berlin calendar day of an instant, `YYYY-MM-DD`.
    public static func berlinDay(of instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : "\(value ?? 0)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))"
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func isReal(_ f: Fields) -> Bool {
        (1900...2999).contains(f.year) && (1...12).contains(f.month)
            && (1...daysInMonth(year: f.year, month: f.month)).contains(f.day)
    }

    private static func number<C: Collection<UInt8>>(_ digits: C) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return digits.isEmpty ? nil : value
    }
}
