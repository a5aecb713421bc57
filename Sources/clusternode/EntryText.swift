import CatalogCore
import Foundation

/// Entries in words, for people at a terminal.
enum EntryText {
    /// `training`, or an offering's kind: `event`, `matchmaking`.
    static func typeLabel(_ entry: Entry) -> String {
        entry.type == .training ? "training" : (entry.kind ?? "offering")
    }

    /// The start of the next session that is not cancelled and not past, or the first one.
    static func nextDate(_ entry: Entry) -> String? {
        let now = Date()
        let upcoming = entry.sessions.filter { !$0.isCancelled && $0.end.instant >= now }
            .min { $0.start.instant < $1.start.instant }
        return (upcoming ?? entry.sessions.first).map {
            String($0.start.text.prefix(16)).replacingOccurrences(of: "T", with: " ")
        }
    }

    static func describe(_ view: EntryView) -> String {
        var lines: [String] = []
        func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append(name.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
        }
        guard let entry = view.entry else {
            return "\(view.origin)/\(view.id) was withdrawn (seq \(view.seq), \(view.updated))"
        }
        lines.append(entry.title.preferred() ?? view.id)
        if let english = entry.title["en"], english != entry.title.preferred() { lines.append(english) }
        lines.append("")
        field("id", "\(view.origin)/\(view.id)")
        field("type", typeLabel(entry) + (entry.format.map { " (\($0))" } ?? ""))
        field("seq", "\(view.seq), updated \(view.updated)")
        field("visibility", entry.visibility.rawValue)
        field("topics", entry.topics.map { Vocabularies.topics.term($0)?.de ?? $0 }.joined(separator: ", "))
        field("regions", entry.regions.joined(separator: ", "))
        field("audience", entry.audience.joined(separator: ", "))
        field("languages", entry.languages.joined(separator: ", "))
        field("keywords", entry.keywords.joined(separator: ", "))
        field("organizer", entry.organizer)
        field("price", entry.price.map(priceText))
        field(
            "contact",
            entry.contact.map { [$0.name, $0.function, $0.email, $0.phone].compactMap { $0 }.joined(separator: ", ") })
        field("url", entry.url)
        field("registration", entry.registrationUrl)
        field("valid", validity(entry))
        field("duration", entry.durationHours.map { "\($0.formatted()) hours" })
        field("level", entry.level?.rawValue)
        field("certificate", entry.certificate)
        if let summary = entry.summary?.preferred() { lines += ["", summary] }
        if !entry.sessions.isEmpty {
            lines += ["", "Sessions:"]
            for session in entry.sessions {
                var text = "  \(session.start.text) – \(session.end.text)  \(session.mode.rawValue)"
                if let city = session.location?.city { text += ", \(city)" }
                if let seats = session.seats { text += ", \(seats) seats" }
                if session.isCancelled { text += "  CANCELLED" }
                lines.append(text)
            }
        } else if entry.type == .training {
            lines += ["", "On demand (no dated sessions)."]
        }
        return lines.joined(separator: "\n")
    }

    static func priceText(_ price: Price) -> String {
        if price.isFree { return "free" }
        var text = [price.amount, price.currency].compactMap { $0 }.joined(separator: " ")
        if price.freeForMembers == true { text += ", free for members" }
        return text
    }

    private static func validity(_ entry: Entry) -> String? {
        switch (entry.validFrom, entry.validUntil) {
        case (nil, nil): return nil
        case (let from?, nil): return "from \(from)"
        case (nil, let until?): return "until \(until)"
        case (let from?, let until?): return "\(from) to \(until)"
        }
    }
}
