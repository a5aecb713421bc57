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
        field(
            "visibility",
            entry.isLocal ? "local: members only, never leaves this node" : entry.visibility.rawValue)
        field("topics", labels(entry.topics, Vocabularies.topics))
        field("regions", labels(entry.regions, Vocabularies.regions))
        field("audience", labels(entry.audience, Vocabularies.audiences))
        field("languages", labels(entry.languages, Vocabularies.languages))
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
        if let provenance = view.provenance {
            for (index, line) in provenance.lines.enumerated() { field(index == 0 ? "provenance" : "", line) }
        }
        for language in ["de", "en"] {
            if let summary = entry.summary?[language] { lines += ["", summary] }
            if let description = entry.description?[language] { lines += ["", description] }
        }
        if !entry.sessions.isEmpty {
            lines += ["", "Sessions (numbered as entries edit counts them):"]
            for (index, session) in entry.sessions.enumerated() { lines += sessionLines(session, number: index + 1) }
        } else if entry.type == .training {
            lines += ["", "On demand (no dated sessions)."]
        }
        return lines.joined(separator: "\n")
    }

    /// `2. 2027-03-15 09:00 – 17:00  onsite, Haus A, Hauptstraße 1, 78532 Tuttlingen (DE-BW)` and
    /// its seats, deadline, language and link on the lines below.
    static func sessionLines(_ session: Session, number: Int) -> [String] {
        let start = session.start.text.replacingOccurrences(of: "T", with: " ")
        let end =
            session.end.text.prefix(10) == session.start.text.prefix(10)
            ? String(session.end.text.dropFirst(11)) : session.end.text.replacingOccurrences(of: "T", with: " ")
        var head =
            "  \(number). \(start) – \(end)  \(Vocabularies.modes.term(session.mode.rawValue)?.en ?? session.mode.rawValue)"
        if let location = session.location {
            let place = [
                location.name, location.street,
                [location.postalCode, location.city].compactMap { $0 }
                    .joined(separator: " "),
            ].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            head += ", " + place + (location.region.map { " (\($0))" } ?? "")
        }
        if session.isCancelled { head += "  CANCELLED" }
        var details: [String] = []
        if let id = session.id { details.append("id \(id)") }
        if let seats = session.seats { details.append("\(seats) seats") }
        if let deadline = session.registrationDeadline { details.append("register by \(deadline.text)") }
        if let language = session.language {
            details.append("in \(Vocabularies.languages.term(language)?.en ?? language)")
        }
        var lines = [head]
        if !details.isEmpty { lines.append("     " + details.joined(separator: ", ")) }
        if let link = session.onlineUrl { lines.append("     online: \(link)") }
        return lines
    }

    /// `Medizintechnik (medtech), Pharma (pharma)`: labels with their slugs.
    static func labels(_ ids: [String], _ vocabulary: Vocabulary) -> String {
        ids.map { id in vocabulary.term(id).map { "\($0.de) (\(id))" } ?? id }.joined(separator: ", ")
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
