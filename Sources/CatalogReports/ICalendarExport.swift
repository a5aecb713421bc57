import CatalogCore
import CatalogStore
import Foundation

/// Trainings as an iCalendar file (RFC 5545, with RFC 7986's CONFERENCE): one VEVENT per session, in
/// Europe/Berlin time. A session's UID never changes (origin, entry id and the session's id, or its
/// start when it has none), its SEQUENCE is the entry's seq (raised by every change), and a
/// cancelled session stays with STATUS:CANCELLED.
public enum ICalendarExport {
    public struct Item: Sendable {
        public let origin: String
        public let organizerName: String
        public let seq: Int64
        public let updated: String
        public let entry: Entry

        public init(origin: String, organizerName: String, seq: Int64, updated: String, entry: Entry) {
            self.origin = origin
            self.organizerName = organizerName
            self.seq = seq
            self.updated = updated
            self.entry = entry
        }
    }

    public static func render(_ items: [Item], calendarName: String) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Cluster Exchange//clusternode//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "NAME:\(escape(calendarName))", "X-WR-CALNAME:\(escape(calendarName))",
        ]
        lines += berlinTimeZone
        for item in items {
            for session in item.entry.sessions { lines += event(item, session) }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func event(_ item: Item, _ session: Session) -> [String] {
        let entry = item.entry
        // Without a session id, two sessions at the same time differ by their mode (onsite and online).
        let sessionKey = uri(session.id ?? (session.start.text.filter { $0.isNumber } + "-" + session.mode.rawValue))
        var lines = [
            "BEGIN:VEVENT",
            "UID:\(uri(item.origin)).\(uri(entry.id)).\(sessionKey)@clusterexchange",
            "DTSTAMP:\(BerlinTime.icsUTC(Timestamp.parse(item.updated) ?? Date(timeIntervalSince1970: 0)))",
            "SEQUENCE:\(item.seq)",
            "DTSTART;TZID=Europe/Berlin:\(BerlinTime.icsLocal(session.start.instant))",
            "DTEND;TZID=Europe/Berlin:\(BerlinTime.icsLocal(session.end.instant))",
            "SUMMARY:\(escape(entry.title.preferred() ?? entry.id))",
            "STATUS:\(session.isCancelled ? "CANCELLED" : "CONFIRMED")",
        ]
        if let summary = entry.summary?.preferred() ?? entry.description?.preferred() {
            lines.append("DESCRIPTION:\(escape(summary))")
        }
        if let location = session.location {
            let place = [
                location.name, location.street,
                [location.postalCode, location.city].compactMap { $0 }.joined(separator: " "),
            ]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            lines.append("LOCATION:\(escape(place))")
        } else if session.mode == .online {
            lines.append("LOCATION:Online")
        }
        if let url = entry.registrationUrl ?? entry.url { lines.append("URL:\(uri(url))") }
        if let email = entry.contact?.email {
            lines.append("ORGANIZER;CN=\(parameter(entry.organizer ?? item.organizerName)):mailto:\(uri(email))")
        }
        if let online = session.onlineUrl {
            lines.append("CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Online:\(uri(online))")
        }
        let categories = entry.topics.map { Vocabularies.topics.term($0)?.de ?? $0 }
        if !categories.isEmpty { lines.append("CATEGORIES:\(categories.map(escape).joined(separator: ","))") }
        lines.append("END:VEVENT")
        return lines
    }

    /// The Europe/Berlin zone with the EU's daylight-saving rule (last Sunday of March and October).
    static let berlinTimeZone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11) and drop
    /// every other control character. Works on Unicode scalars: "\r\n" is one Swift `Character`,
    /// and a filter on Characters lets it through. Most values are plain printable ASCII and
    /// come back as they are.
    static func escape(_ text: String) -> String {
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) && $0 != 0x5C && $0 != 0x3B && $0 != 0x2C }) {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case ";": out.append(contentsOf: "\\;".unicodeScalars)
            case ",": out.append(contentsOf: "\\,".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            default:
                if !isControl(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    /// A URI or identifier value: control characters (a line break would start a new property) removed.
    static func uri(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isControl($0) }))
    }

    /// A parameter value: quoted, without the characters a quoted value cannot hold (DQUOTE and
    /// controls, RFC 5545 3.1 QSAFE-CHAR).
    static func parameter(_ text: String) -> String {
        "\"" + String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\"" && !isControl($0) })) + "\""
    }

    /// C0 controls, DEL, C1 controls (general category Cc), the line separator (Zl, U+2028) and
    /// the paragraph separator (Zp, U+2029): never in a content line.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Folds a content line into lines of at most 75 octets, never inside a UTF-8 sequence (3.1).
    /// Counts scalars, not Characters: one Character can be longer than a whole line.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out: [UInt8] = []
        out.reserveCapacity(line.utf8.count + line.utf8.count / 25)
        var octets = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let size = scalar.utf8.count
            if octets + size > limit {
                out.append(contentsOf: [0x0D, 0x0A, 0x20])  // continuation lines start with a space
                octets = 0
                limit = 74
            }
            out.append(contentsOf: scalar.utf8)
            octets += size
        }
        return String(decoding: out, as: UTF8.self)
    }
}
