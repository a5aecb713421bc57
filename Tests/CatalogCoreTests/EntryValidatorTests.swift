import CatalogCore
import CatalogTestSupport
import Testing

@Suite("Entry validation")
struct EntryValidatorTests {
    @Test("the fixtures are valid", arguments: [Fixtures.training(), Fixtures.offering()])
    func fixturesAreValid(entry: Entry) {
        #expect(EntryValidator.issues(in: entry.normalized()) == [])
    }

    @Test("a title alone in German or in English is enough", arguments: ["de", "en"])
    func titleAloneIsEnough(language: String) {
        var entry = Fixtures.offering()
        entry.title = LocalizedText([language: "Forum"])
        #expect(EntryValidator.issues(in: entry.normalized()) == [])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let change: @Sendable (inout Entry) -> Void
        let field: String
        let rule: String
        var base: Entry = Fixtures.training()
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "id not a slug", change: { $0.id = "GMP Basics" }, field: "id", rule: "slug"),
        Case(name: "id with leading hyphen", change: { $0.id = "-gmp" }, field: "id", rule: "slug"),
        Case(
            name: "no title", change: { $0.title = LocalizedText() }, field: "title",
            rule: "German (de) or English (en)"),
        Case(
            name: "title only in French", change: { $0.title = LocalizedText(["fr": "Bases"]) }, field: "title",
            rule: "German (de) or English (en)"),
        Case(
            name: "text in an unknown language", change: { $0.title["xx"] = "?" }, field: "title.xx",
            rule: "not a known language"),
        Case(name: "no topic", change: { $0.topics = [] }, field: "topics", rule: "one to 3"),
        Case(
            name: "four topics", change: { $0.topics = ["medtech", "pharma", "sensors", "ict"] }, field: "topics",
            rule: "one to 3"),
        Case(
            name: "unknown topic", change: { $0.topics = ["medtec"] }, field: "topics",
            rule: "'medtec' is not in the topics vocabulary"),
        Case(name: "unknown region", change: { $0.regions = ["DE-XX"] }, field: "regions", rule: "'DE-XX'"),
        Case(name: "unknown audience", change: { $0.audience = ["everyone"] }, field: "audience", rule: "'everyone'"),
        Case(name: "http url", change: { $0.url = "http://cluster.example" }, field: "url", rule: "https"),
        Case(name: "url without host", change: { $0.url = "https://" }, field: "url", rule: "https"),
        Case(
            name: "registration url not https", change: { $0.registrationUrl = "ftp://x.example" },
            field: "registrationUrl", rule: "https"),
        Case(
            name: "contact without means", change: { $0.contact = Contact(name: "Anna Berger") }, field: "contact",
            rule: "email or a phone"),
        Case(
            name: "contact email malformed", change: { $0.contact = Contact(email: "akademie.cluster.example") },
            field: "contact.email", rule: "not an e-mail"),
        Case(
            name: "price free and amount", change: { $0.price = Price(free: true, amount: "10.00", currency: "EUR") },
            field: "price", rule: "not both"),
        Case(
            name: "price amount not decimal", change: { $0.price = Price(amount: "zehn", currency: "EUR") },
            field: "price.amount", rule: "decimal"),
        Case(
            name: "price without currency", change: { $0.price = Price(amount: "10.00") }, field: "price.currency",
            rule: "needs a currency"),
        Case(
            name: "price with bad currency", change: { $0.price = Price(amount: "10.00", currency: "Euro") },
            field: "price.currency", rule: "three-letter"),
        Case(
            name: "session ends before it starts",
            change: { $0.sessions[0].end = CatalogDateTime("2027-03-15T08:00")! }, field: "sessions[0].end",
            rule: "after start"),
        Case(
            name: "session ends when it starts", change: { $0.sessions[0].end = $0.sessions[0].start },
            field: "sessions[0].end", rule: "after start"),
        Case(
            name: "onsite session without location", change: { $0.sessions[0].location = nil },
            field: "sessions[0].location", rule: "needs a location"),
        Case(
            name: "session with zero seats", change: { $0.sessions[0].seats = 0 }, field: "sessions[0].seats",
            rule: "at least 1"),
        Case(
            name: "deadline after start", change: { $0.sessions[0].registrationDeadline = CatalogDate("2027-03-20") },
            field: "sessions[0].registrationDeadline", rule: "not be after"),
        Case(
            name: "session in unknown region", change: { $0.sessions[0].location?.region = "BW" },
            field: "sessions[0].location.region", rule: "German state code"),
        Case(
            name: "duplicate session ids",
            change: {
                $0.sessions[0].id = "a"; $0.sessions.append($0.sessions[0])
            }, field: "sessions[1].id", rule: "used by another session"),
        Case(name: "negative duration", change: { $0.durationHours = -1 }, field: "durationHours", rule: "more than 0"),
        Case(name: "unknown format", change: { $0.format = "lecture" }, field: "format", rule: "'lecture'"),
        Case(name: "training with a kind", change: { $0.kind = "event" }, field: "kind", rule: "only offerings"),
        Case(
            name: "offering without kind", change: { $0.kind = nil }, field: "kind", rule: "needs a kind",
            base: Fixtures.offering()),
        Case(
            name: "offering with unknown kind", change: { $0.kind = "fair" }, field: "kind",
            rule: "'fair' is not a kind of offering", base: Fixtures.offering()),
        Case(
            name: "offering with sessions", change: { $0.sessions = Fixtures.training().sessions }, field: "sessions",
            rule: "only trainings", base: Fixtures.offering()),
        Case(
            name: "offering valid until before from", change: { $0.validUntil = CatalogDate("2027-01-01") },
            field: "validUntil", rule: "not be before", base: Fixtures.offering()),
    ]

    @Test("an invalid entry is refused naming the field and the rule", arguments: cases)
    func invalidEntry(_ testCase: Case) throws {
        var entry = testCase.base
        testCase.change(&entry)
        let issues = EntryValidator.issues(in: entry.normalized())
        let issue = try #require(issues.first { $0.field == testCase.field }, "issues: \(issues)")
        #expect(issue.rule.contains(testCase.rule), "rule: \(issue.rule)")
        #expect(throws: CatalogError.self) { try EntryValidator.validate(entry.normalized()) }
    }

    @Test("normalizing folds case, old region codes, blanks and duplicates")
    func normalizing() {
        var entry = Fixtures.training()
        entry.regions = ["de-bw", "DE-BR", " DE-BW "]
        entry.topics = ["MedTech", "medtech"]
        entry.keywords = [" GMP ", "", "GMP"]
        entry.title["en"] = "   "
        entry.price = Price(amount: "450", currency: "eur")
        let normalized = entry.normalized()
        #expect(normalized.regions == ["DE-BW", "DE-BB"])
        #expect(normalized.topics == ["medtech"])
        #expect(normalized.keywords == ["GMP"])
        #expect(normalized.title["en"] == nil)
        #expect(normalized.price == Price(amount: "450.00", currency: "EUR"))
        #expect(normalized.normalized() == normalized)
    }
}

@Suite("Text from outside is plain text")
struct PlainTextTests {
    @Test("one-line fields hold no control characters; summary and description only line feeds")
    func controlCharacters() {
        var entry = Fixtures.training()
        entry.organizer = "Evil\r\nATTACH:https://evil.example"
        entry.title = LocalizedText(["de": "Kurs\u{1B}[2J"])
        entry.keywords = ["a\u{202E}b"]
        entry.description = LocalizedText(["de": "Zeile eins\nZeile zwei"])
        entry.summary = LocalizedText(["de": "Zeile eins\r\nZeile zwei"])
        let fields = EntryValidator.issues(in: entry).map(\.field)
        #expect(fields.contains("organizer") && fields.contains("title.de") && fields.contains("keywords[0]"))
        #expect(fields.contains("summary.de") && !fields.contains("description.de"))
    }

    @Test("a terminal shows control characters instead of obeying them")
    func terminal() {
        #expect(SafeText.terminal("Titel\u{1B}[2J\r\nFake") == "Titel\\u{1b}[2J\\u{d}\nFake")
        #expect(SafeText.terminal("Medizintechnik – Fortbildung") == "Medizintechnik – Fortbildung")
        #expect(SafeText.excerpt(String(repeating: "x", count: 500), limit: 10) == "xxxxxxxxx…")
    }
}
