import CatalogCore
import CatalogNode
import CatalogReports
import CatalogSearch
import CatalogStore
import CatalogTrust
import CatalogWire
import Foundation

/// `GET /entries/{origin}/{id}`: every field a member needs, the sessions, where the entry comes
/// from and whether its signature checks out now, and schema.org JSON-LD for search engines.
/// Local entries, withdrawn ones and unknown ones are a 404.
enum EntryPage {
    struct SessionLine {
        let when: String
        let mode: String
        let place: String?
        let onlineUrl: String?
        let seats: Int?
        let deadline: String?
        let cancelled: Bool
    }

    struct Fact {
        let label: String
        let value: String
    }

    struct Description {
        let paragraphs: [String]
    }

    static func href(origin: String, id: String, language: WebLanguage) -> String {
        "/entries/\(origin)/\(id)?lang=\(language.rawValue)"
    }

    /// The public entry at `(origin, id)`: its stored row and its entry, or nil.
    static func publicEntry(node: Node, origin: String, id: String) async throws -> (StoredEntry, SignedEntry, Entry)? {
        guard Slug.isValidOrigin(origin), id.count <= 200,
            let stored = try await node.store.entry(origin: origin, id: id), !stored.deleted,
            stored.visibility == .federated, let signed = try? stored.signedEntry(), let entry = signed.entry,
            !entry.isLocal
        else { return nil }
        return (stored, signed, entry)
    }

    static func render(node: Node, origin: String, id: String, language: WebLanguage, now: Date = Date())
        async throws -> WebPage
    {
        guard let (stored, signed, entry) = try await publicEntry(node: node, origin: origin, id: id) else {
            return ErrorPage.notFound(node: node, language: language)
        }
        let origins = try await OriginDirectory(node: node, now: now)
        let t = WebText.strings(language)
        let lang = language.rawValue
        let title = entry.title.preferred(lang) ?? entry.id
        let item = ICalendarExport.Item(
            origin: origin, organizerName: origins.info(origin).displayName, seq: stored.seq, updated: stored.updated,
            entry: entry)
        var context = PageFrame.context(
            language: language, nodeName: node.config.displayName, title: title,
            switchHref: href(origin: origin, id: id, language: language.other),
            jsonLD: WebJSON.scriptSafe(try JSONLDExport.render([item])))
        context["origin"] = origin
        context["originName"] = origins.info(origin).displayName
        context["typeLabel"] = SearchPage.typeLabel(entry, language: language, t: t)
        context["summary"] = entry.summary?.preferred(lang)
        if let description = entry.description?.preferred(lang) {
            context["description"] = Description(
                paragraphs: description.components(separatedBy: "\n\n").map {
                    $0.trimmingCharacters(in: .whitespacesAndNewlines)
                }.filter { !$0.isEmpty })
        }
        let sessions = entry.sessions.map { session(for: $0, language: language) }
        context["sessions"] = sessions
        context["hasSessions"] = !sessions.isEmpty
        context["facts"] = facts(entry, language: language, t: t)
        context["registrationUrl"] = entry.registrationUrl.flatMap(safeLink)
        context["url"] = entry.url.flatMap(safeLink)
        if entry.isTraining, !entry.sessions.isEmpty {
            context["calendarHref"] = "/entries/\(origin)/\(id)/calendar.ics"
        }
        context["provenance"] = provenance(
            stored: stored, signed: signed, origins: origins, language: language, now: now)
        let related = try await Searcher(node: node).related(
            to: entry, origin: origin, limit: relatedCount, now: now
        ).map {
            SearchPage.hit(for: $0, origins: origins, language: language, t: t)
        }
        context["related"] = related
        context["hasRelated"] = !related.isEmpty
        return WebPage(status: 200, language: language, html: WebTemplates.render(context, "entry"))
    }

    static let relatedCount = 5

    /// Links a page shows: http and https only (a catalog could hold `javascript:`).
    static func safeLink(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http"
        else { return nil }
        return text
    }

    static func session(for session: Session, language: WebLanguage) -> SessionLine {
        var place: String?
        if let location = session.location {
            place = [
                location.name, location.street,
                [location.postalCode, location.city].compactMap { $0 }.joined(separator: " "),
            ]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        }
        return SessionLine(
            when: WebFormat.span(session.start, session.end, language),
            mode: WebFormat.label(Vocabularies.modes, session.mode.rawValue, language), place: place,
            onlineUrl: session.onlineUrl.flatMap(safeLink), seats: session.seats,
            deadline: session.registrationDeadline.map { WebFormat.day($0.text, language) },
            cancelled: session.isCancelled)
    }

    static func facts(_ entry: Entry, language: WebLanguage, t: [String: String]) -> [Fact] {
        func labels(_ vocabulary: Vocabulary, _ ids: [String]) -> String? {
            ids.isEmpty ? nil : ids.map { WebFormat.label(vocabulary, $0, language) }.joined(separator: ", ")
        }
        var facts: [Fact] = []
        func add(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { facts.append(Fact(label: t[key] ?? key, value: value)) }
        }
        add("topics", labels(Vocabularies.topics, entry.topics))
        add("regions", labels(Vocabularies.regions, entry.regions))
        add("languages", labels(Vocabularies.languages, entry.languages))
        add("audience", labels(Vocabularies.audiences, entry.audience))
        add("price", price(entry.price, language: language, t: t))
        if entry.validFrom != nil || entry.validUntil != nil {
            add(
                "validity",
                [entry.validFrom, entry.validUntil].map { $0.map { WebFormat.day($0.text, language) } ?? "…" }
                    .joined(separator: " – "))
        }
        add("duration", entry.durationHours.map { "\(WebFormat.hours($0)) \(t["hours"] ?? "")" })
        add("level", entry.level?.rawValue)
        add("certificate", entry.certificate)
        add("organizer", entry.organizer)
        if let contact = entry.contact {
            add(
                "contact",
                [contact.function, contact.name, contact.email, contact.phone].compactMap { $0 }.joined(
                    separator: " · "))
        }
        add("keywords", entry.keywords.isEmpty ? nil : entry.keywords.joined(separator: ", "))
        return facts
    }

    static func price(_ price: Price?, language: WebLanguage, t: [String: String]) -> String? {
        guard let price else { return nil }
        if price.free == true { return t["freeOfCharge"] }
        var parts: [String] = []
        if let amount = price.amount {
            let shown = language == .de ? amount.replacingOccurrences(of: ".", with: ",") : amount
            parts.append("\(shown) \(price.currency ?? "EUR")")
        }
        if price.freeForMembers == true { parts.append(t["freeForMembers"] ?? "") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// Where the entry comes from, in words: who signed it with which key, which peer it came
    /// through, and whether its signature checks out under the node's trust now.
    static func provenance(
        stored: StoredEntry, signed: SignedEntry, origins: OriginDirectory, language: WebLanguage, now: Date
    ) -> String {
        let signer = origins.signer(of: signed)
        let name = origins.info(signed.origin).displayName
        let checked = WebFormat.instant(Timestamp.format(now), language) ?? ""
        let via = stored.viaPeer.map { origins.info($0).displayName }
        switch (language, signer) {
        case (.de, let key?):
            return "Signiert von \(name), Schlüssel \(key.displayFingerprint); "
                + (via.map { "empfangen über \($0); " } ?? "")
                + "Signatur geprüft am \(checked)."
        case (.en, let key?):
            return "Signed by \(name), key \(key.displayFingerprint); "
                + (via.map { "received via \($0); " } ?? "") + "signature checked on \(checked)."
        case (.de, nil):
            return "Angegeben als von \(name)" + (via.map { ", empfangen über \($0)" } ?? "")
                + "; die Signatur ist unter den Schlüsseln, denen dieser Knoten vertraut, nicht bestätigt (\(checked))."
        case (.en, nil):
            return "Stated to be by \(name)" + (via.map { ", received via \($0)" } ?? "")
                + "; its signature is not confirmed under the keys this node trusts (\(checked))."
        }
    }
}

/// JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` written as `\u` escapes,
/// so no text in it can close the element or open a comment.
enum WebJSON {
    static func scriptSafe(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(of: "&", with: "\\u0026")
    }
}

extension WebFormat {
    /// Hours without a trailing `.0`.
    static func hours(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
