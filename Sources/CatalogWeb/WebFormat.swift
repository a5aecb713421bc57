import CatalogCore
import Foundation

/// Dates, times, counts and vocabulary labels as the pages write them: German `15.03.2027` and
/// `09:00 Uhr`, English `2027-03-15` and `09:00` (Berlin time, as the catalogs are written).
enum WebFormat {
    /// `YYYY-MM-DD` as the language writes a day.
    static func day(_ text: String, _ language: WebLanguage) -> String {
        let parts = text.prefix(10).split(separator: "-")
        guard language == .de, parts.count == 3 else { return String(text.prefix(10)) }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }

    /// A session's start and end (`YYYY-MM-DDTHH:MM`, Berlin time).
    static func span(_ start: CatalogDateTime, _ end: CatalogDateTime, _ language: WebLanguage) -> String {
        let startDay = String(start.text.prefix(10))
        let endDay = String(end.text.prefix(10))
        let startTime = String(start.text.dropFirst(11).prefix(5))
        let endTime = String(end.text.dropFirst(11).prefix(5))
        let suffix = language == .de ? " Uhr" : ""
        if startDay == endDay {
            return "\(day(startDay, language)), \(startTime)–\(endTime)\(suffix)"
        }
        return "\(day(startDay, language)), \(startTime)\(suffix) – \(day(endDay, language)), \(endTime)\(suffix)"
    }

    /// A UTC instant (`…Z`) as the Berlin day and time it falls on.
    static func instant(_ text: String, _ language: WebLanguage) -> String? {
        guard let date = Timestamp.parse(text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CivilCalendar.berlin
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let year = parts.year, let month = parts.month, let dayOfMonth = parts.day else { return nil }
        let dayText = String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
        return day(dayText, language) + String(format: ", %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
            + (language == .de ? " Uhr" : "")
    }

    static func label(_ vocabulary: Vocabulary, _ id: String, _ language: WebLanguage) -> String {
        vocabulary.term(id)?.label(language.rawValue) ?? id
    }

    static func entries(_ count: Int, _ language: WebLanguage) -> String {
        switch language {
        case .de: return count == 1 ? "1 Eintrag" : "\(number(count, language)) Einträge"
        case .en: return count == 1 ? "1 entry" : "\(number(count, language)) entries"
        }
    }

    /// A whole number with thousands separated: `12.345` in German, `12,345` in English.
    static func number(_ value: Int, _ language: WebLanguage) -> String {
        let digits = Array(String(value.magnitude))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(language == .de ? "." : ",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// The first paragraph-sized part of a text, cut at a word.
    static func excerpt(_ text: String, limit: Int = 280) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + " …"
    }
}
