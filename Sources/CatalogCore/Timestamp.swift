import Foundation

/// Instants on the wire: RFC 3339 in UTC with whole seconds, `2026-11-29T09:12:00Z`.
public enum Timestamp {
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    public static func format(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return
            "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))Z"
    }

    /// The largest integer a payload may hold (2^53 − 1): every JSON reader holds it exactly.
    public static let maxWireInteger: Int64 = 9_007_199_254_740_991

    /// Whether `text` is an instant in the one form payloads use: `YYYY-MM-DDTHH:MM:SSZ`.
    public static func isWireForm(_ text: String) -> Bool {
        parse(text).map(format) == text
    }

    public static func parse(_ text: String) -> Date? {
        guard let fields = CivilCalendar.parseDateTime(text), fields.offsetSeconds != nil else { return nil }
        return CivilCalendar.instant(of: fields)
    }
}
