import Foundation

extension Entry {
    /// The entry as it will be signed: blanks trimmed, empty texts dropped, vocabulary slugs in
    /// their canonical case and spelling (`de-br` → `DE-BB`), duplicate list items removed.
    /// Normalizing twice gives the same entry, so a re-import of an unchanged file changes nothing.
    public func normalized() -> Entry {
        var e = self
        e.id = id.trimmed
        e.title = title.normalized
        e.summary = summary?.normalized.nilIfEmpty
        e.description = description?.normalized.nilIfEmpty
        e.topics = topics.map { $0.trimmed.lowercased() }.uniqued()
        e.keywords = keywords.map(\.trimmed).filter { !$0.isEmpty }.uniqued()
        e.audience = audience.map { $0.trimmed.lowercased() }.uniqued()
        e.regions = regions.map(Entry.canonicalRegion).uniqued()
        e.languages = languages.map { $0.trimmed.lowercased() }.uniqued()
        e.url = url?.trimmed.nilIfEmpty
        e.organizer = organizer?.trimmed.nilIfEmpty
        e.contact = contact?.normalized
        e.price = price?.normalized
        e.kind = kind?.trimmed.lowercased().nilIfEmpty
        e.format = format?.trimmed.lowercased().nilIfEmpty
        e.sessions = sessions.map(\.normalized)
        e.certificate = certificate?.trimmed.nilIfEmpty
        e.registrationUrl = registrationUrl?.trimmed.nilIfEmpty
        return e
    }

    /// `de-bw` → `DE-BW`; old codes follow the regions vocabulary's aliases (`DE-BR` → `DE-BB`).
    public static func canonicalRegion(_ code: String) -> String {
        Vocabularies.regions.canonical(code.trimmed.uppercased())
    }
}

extension Session {
    var normalized: Session {
        var s = self
        s.id = id?.trimmed.nilIfEmpty
        s.location = location?.normalized
        s.onlineUrl = onlineUrl?.trimmed.nilIfEmpty
        s.language = language?.trimmed.lowercased().nilIfEmpty
        return s
    }
}

extension Location {
    var normalized: Location {
        Location(
            name: name?.trimmed.nilIfEmpty, street: street?.trimmed.nilIfEmpty,
            postalCode: postalCode?.trimmed.nilIfEmpty, city: city.trimmed,
            region: region.map(Entry.canonicalRegion)?.nilIfEmpty, country: country?.trimmed.uppercased().nilIfEmpty)
    }
}

extension Contact {
    var normalized: Contact? {
        let c = Contact(
            email: email?.trimmed.nilIfEmpty, phone: phone?.trimmed.nilIfEmpty, name: name?.trimmed.nilIfEmpty,
            function: function?.trimmed.nilIfEmpty)
        return c == Contact() ? nil : c
    }
}

extension Price {
    var normalized: Price {
        Price(
            free: free,
            amount: amount.flatMap { Price.twoDecimals($0.trimmed.replacingOccurrences(of: ",", with: ".")) },
            currency: currency?.trimmed.uppercased().nilIfEmpty, freeForMembers: freeForMembers)
    }

    /// `450` → `450.00`, `12.5` → `12.50`; anything else is left for validation to judge.
    static func twoDecimals(_ amount: String) -> String? {
        guard !amount.isEmpty else { return nil }
        guard EntryValidator.isDecimalAmount(amount) else { return amount }
        let parts = amount.split(separator: ".", omittingEmptySubsequences: false)
        let cents = parts.count == 2 ? String(parts[1]) : ""
        return "\(parts[0]).\(cents.padding(toLength: 2, withPad: "0", startingAt: 0))"
    }
}

extension LocalizedText {
    var normalized: LocalizedText {
        var out: [String: String] = [:]
        for (language, text) in values {
            let trimmed = text.trimmed
            if !trimmed.isEmpty { out[language.trimmed.lowercased()] = trimmed }
        }
        return LocalizedText(out)
    }

    var nilIfEmpty: LocalizedText? { isEmpty ? nil : self }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension Array where Element: Hashable {
    /// The elements in their first order, each once.
    public func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
