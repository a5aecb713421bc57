import Foundation

/// Checks an entry against the schema's rules and the controlled vocabularies, and names every
/// field that breaks one. Validate the normalized entry: that is what gets signed.
public enum EntryValidator {
    public static let maxTitleLength = 300
    public static let maxSummaryLength = 2_000
    public static let maxDescriptionLength = 20_000
    public static let maxTopics = 3
    public static let maxKeywords = 30
    public static let maxSessions = 500

    /// Every issue the entry has; empty when it is valid.
    public static func issues(in entry: Entry) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func fail(_ field: String, _ rule: String) { issues.append(ValidationIssue(field, rule)) }

        if !Slug.isValid(entry.id) {
            fail("id", "must be a slug of 1 to \(Slug.maxEntryIDLength) lowercase letters, digits and inner hyphens")
        }
        checkText(entry.title, field: "title", maxLength: maxTitleLength, fail)
        if entry.title["de"] == nil && entry.title["en"] == nil {
            fail("title", "needs a German (de) or English (en) text")
        }
        if let summary = entry.summary { checkText(summary, field: "summary", maxLength: maxSummaryLength, fail) }
        if let description = entry.description {
            checkText(description, field: "description", maxLength: maxDescriptionLength, fail)
        }

        if entry.topics.isEmpty || entry.topics.count > maxTopics {
            fail("topics", "needs one to \(maxTopics) technology fields")
        }
        checkTerms(entry.topics, in: Vocabularies.topics, field: "topics", fail)
        checkTerms(entry.audience, in: Vocabularies.audiences, field: "audience", fail)
        checkTerms(entry.regions, in: Vocabularies.regions, field: "regions", fail)
        checkTerms(entry.languages, in: Vocabularies.languages, field: "languages", fail)
        if entry.keywords.count > maxKeywords { fail("keywords", "at most \(maxKeywords) keywords") }
        for (index, keyword) in entry.keywords.enumerated() where keyword.count > 80 {
            fail("keywords[\(index)]", "at most 80 characters")
        }

        checkPlainText(entry, fail)
        checkURL(entry.url, field: "url", fail)
        if let contact = entry.contact { checkContact(contact, fail) }
        if let price = entry.price { checkPrice(price, fail) }

        switch entry.type {
        case .offering: checkOffering(entry, fail)
        case .training: checkTraining(entry, fail)
        }
        return issues
    }

    /// Throws `CatalogError.invalidEntry` listing every issue.
    public static func validate(_ entry: Entry) throws {
        let found = issues(in: entry)
        guard found.isEmpty else {
            let list = found.map(\.description).joined(separator: "; ")
            throw CatalogError(.invalidEntry, "entry '\(entry.id)': \(list)")
        }
    }

    private static func checkOffering(_ entry: Entry, _ fail: (String, String) -> Void) {
        if let kind = entry.kind {
            if !Vocabularies.kinds.contains(kind) {
                fail("kind", Vocabularies.kinds.unknownValueMessage(kind, what: "a kind of offering"))
            }
        } else {
            fail("kind", "an offering needs a kind (\(Vocabularies.kinds.ids.joined(separator: ", ")))")
        }
        if let from = entry.validFrom, let until = entry.validUntil, until < from {
            fail("validUntil", "must not be before validFrom")
        }
        let trainingOnly: [(String, Bool)] = [
            ("sessions", !entry.sessions.isEmpty), ("format", entry.format != nil),
            ("durationHours", entry.durationHours != nil), ("level", entry.level != nil),
            ("certificate", entry.certificate != nil), ("registrationUrl", entry.registrationUrl != nil),
        ]
        for (field, present) in trainingOnly where present {
            fail(field, "only trainings have this field")
        }
    }

    private static func checkTraining(_ entry: Entry, _ fail: (String, String) -> Void) {
        for (field, present) in [
            ("kind", entry.kind != nil), ("validFrom", entry.validFrom != nil),
            ("validUntil", entry.validUntil != nil),
        ] where present {
            fail(field, "only offerings have this field")
        }
        if let format = entry.format, !Vocabularies.formats.contains(format) {
            fail("format", Vocabularies.formats.unknownValueMessage(format, what: "a training format"))
        }
        if let hours = entry.durationHours, !(hours > 0 && hours <= 2_000) {
            fail("durationHours", "must be more than 0 and at most 2000")
        }
        checkURL(entry.registrationUrl, field: "registrationUrl", fail)
        if entry.sessions.count > maxSessions { fail("sessions", "at most \(maxSessions) sessions") }
        var sessionIDs = Set<String>()
        for (index, session) in entry.sessions.enumerated() {
            let field = "sessions[\(index)]"
            if session.end.instant <= session.start.instant { fail("\(field).end", "must be after start") }
            if let id = session.id {
                if !Slug.isValid(id) { fail("\(field).id", "must be a slug") }
                if !sessionIDs.insert(id).inserted { fail("\(field).id", "'\(id)' is used by another session") }
            }
            if let location = session.location {
                if location.city.isEmpty { fail("\(field).location.city", "must not be empty") }
                if let region = location.region, !Vocabularies.regions.contains(region) {
                    fail("\(field).location.region", "'\(region)' is not a German state code such as DE-BW")
                }
            } else if session.mode.hasVenue {
                fail("\(field).location", "an \(session.mode.rawValue) session needs a location with a city")
            }
            checkURL(session.onlineUrl, field: "\(field).onlineUrl", fail)
            if let language = session.language, !Vocabularies.languages.contains(language) {
                fail("\(field).language", "'\(language)' is not a known language code")
            }
            if let seats = session.seats, seats <= 0 { fail("\(field).seats", "must be at least 1") }
            if let deadline = session.registrationDeadline,
                let start = CatalogDate(String(session.start.text.prefix(10))), deadline > start
            {
                fail("\(field).registrationDeadline", "must not be after the session starts")
            }
        }
    }

    private static func checkText(
        _ text: LocalizedText, field: String, maxLength: Int, _ fail: (String, String) -> Void
    ) {
        for (language, value) in text.values.sorted(by: { $0.key < $1.key }) {
            if !Vocabularies.languages.contains(language) {
                fail("\(field).\(language)", "'\(language)' is not a known language code")
            }
            if value.count > maxLength { fail("\(field).\(language)", "at most \(maxLength) characters") }
        }
    }

    /// Text from outside ends up in terminals, calendars and spreadsheets: one-line fields hold no
    /// control characters at all, the summary and description no other than line feeds.
    private static func checkPlainText(_ entry: Entry, _ fail: (String, String) -> Void) {
        func check(_ value: String?, _ field: String, multiline: Bool = false) {
            guard let value, let bad = SafeText.forbiddenCharacter(in: value, allowingNewlines: multiline) else {
                return
            }
            fail(
                field,
                "holds the control character \(SafeText.codePoint(bad))"
                    + (multiline ? "; line breaks are written as LF alone" : "; it is one line of plain text"))
        }
        for (language, value) in entry.title.values.sorted(by: { $0.key < $1.key }) {
            check(value, "title.\(language)")
        }
        for (language, value) in (entry.summary?.values ?? [:]).sorted(by: { $0.key < $1.key }) {
            check(value, "summary.\(language)", multiline: true)
        }
        for (language, value) in (entry.description?.values ?? [:]).sorted(by: { $0.key < $1.key }) {
            check(value, "description.\(language)", multiline: true)
        }
        for (index, keyword) in entry.keywords.enumerated() { check(keyword, "keywords[\(index)]") }
        check(entry.organizer, "organizer")
        check(entry.certificate, "certificate")
        check(entry.contact?.name, "contact.name")
        check(entry.contact?.function, "contact.function")
        for (index, session) in entry.sessions.enumerated() {
            guard let location = session.location else { continue }
            let field = "sessions[\(index)].location"
            check(location.name, "\(field).name")
            check(location.street, "\(field).street")
            check(location.postalCode, "\(field).postalCode")
            check(location.city, "\(field).city")
            check(location.country, "\(field).country")
        }
    }

    private static func checkTerms(
        _ values: [String], in vocabulary: Vocabulary, field: String, _ fail: (String, String) -> Void
    ) {
        for value in values where !vocabulary.contains(value) {
            fail(field, vocabulary.unknownValueMessage(value, what: "in the \(vocabulary.vocabulary) vocabulary"))
        }
    }

    private static func checkURL(_ text: String?, field: String, _ fail: (String, String) -> Void) {
        guard let text else { return }
        // A blank, a line break or a bidi control in a link would break the pages, feeds and
        // calendars built from it, or make it read as another address.
        let unprintable = text.unicodeScalars.contains {
            $0.properties.isWhitespace
                || [.control, .format, .lineSeparator, .paragraphSeparator].contains(
                    $0.properties.generalCategory)
        }
        guard !unprintable else {
            fail(field, "must be an https URL without blanks or control characters")
            return
        }
        guard let components = URLComponents(string: text), components.scheme?.lowercased() == "https",
            let host = components.host, !host.isEmpty
        else {
            fail(field, "must be an https URL")
            return
        }
    }

    private static func checkContact(_ contact: Contact, _ fail: (String, String) -> Void) {
        if contact.email == nil && contact.phone == nil {
            fail("contact", "needs an email or a phone number")
        }
        if let email = contact.email, !isEmailShaped(email) {
            fail("contact.email", "'\(email)' is not an e-mail address")
        }
        if let phone = contact.phone,
            !phone.allSatisfy({ $0.isASCII && ($0.isNumber || " +-/()".contains($0)) })
                || phone.filter(\.isNumber).count < 5
        {
            fail("contact.phone", "'\(phone)' is not a phone number")
        }
    }

    private static func checkPrice(_ price: Price, _ fail: (String, String) -> Void) {
        if price.isFree {
            if price.amount != nil { fail("price", "is either free or has an amount, not both") }
            return
        }
        guard let amount = price.amount else {
            fail("price", "needs an amount and currency, or free: true")
            return
        }
        if !isDecimalAmount(amount) { fail("price.amount", "'\(amount)' is not a decimal amount such as 450.00") }
        if let currency = price.currency {
            if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                fail("price.currency", "'\(currency)' is not a three-letter currency code such as EUR")
            }
        } else {
            fail("price.currency", "needs a currency such as EUR")
        }
    }

    static func isEmailShaped(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !text.contains(where: \.isWhitespace),
            !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value >= 0xFFFE })
        else { return false }
        return true
    }

    public static func isDecimalAmount(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, (1...9).contains(whole.count),
            whole.allSatisfy(\.isASCIIDigit)
        else { return false }
        if parts.count == 2 { return (1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isASCIIDigit) }
        return true
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
