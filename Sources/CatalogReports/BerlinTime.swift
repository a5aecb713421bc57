import CatalogCore
import Foundation

/// Instants as wall-clock time in Germany, for calendars and schema.org.
enum BerlinTime {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CivilCalendar.berlin
        return calendar
    }()

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `20270315T090000`, for `DTSTART;TZID=Europe/Berlin:`.
    static func icsLocal(_ instant: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return
            "\(c.year ?? 0)\(two(c.month ?? 0))\(two(c.day ?? 0))T\(two(c.hour ?? 0))\(two(c.minute ?? 0))\(two(c.second ?? 0))"
    }

    /// `20261129T091200Z`, for `DTSTAMP`.
    static func icsUTC(_ instant: Date) -> String {
        Timestamp.format(instant).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    /// `2027-03-15T09:00:00+01:00`.
    static func iso(_ instant: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let offset = CivilCalendar.berlin.secondsFromGMT(for: instant)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600
        let minutes = abs(offset) % 3600 / 60
        return
            "\(c.year ?? 0)-\(two(c.month ?? 0))-\(two(c.day ?? 0))T\(two(c.hour ?? 0)):\(two(c.minute ?? 0)):\(two(c.second ?? 0))"
            + "\(sign)\(two(hours)):\(two(minutes))"
    }
}
