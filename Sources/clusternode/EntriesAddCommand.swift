import ArgumentParser
import CatalogCore
import CatalogImport
import Foundation

struct EntriesAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add one entry to the node's catalog, signed with the node's key.",
        discussion: """
            Texts given with --title, --summary and --description are German; the --…-en options give the
            English ones. A title in either language is enough. Example:

              clusternode entries add --type training --title "GMP-Grundlagen für Einsteiger" \\
                --topic medtech --region DE-BW --price "450 EUR" \\
                --session start=2027-03-15T09:00,end=2027-03-15T17:00,mode=onsite,city=Tuttlingen,region=DE-BW
            """)

    @OptionGroup var options: NodeOptions

    @Option(help: "offering or training.") var type: EntryType
    @Option(help: "The id, a slug unique in the catalog. Default: made from the title.") var id: String?
    @Option(help: "The German title.") var title: String?
    @Option(help: "The English title.") var titleEn: String?
    @Option(help: "The German summary.") var summary: String?
    @Option(help: "The English summary.") var summaryEn: String?
    @Option(help: "The German description.") var description: String?
    @Option(help: "The English description.") var descriptionEn: String?
    @Option(help: "An offering's kind: education, event, publication, study, survey, matchmaking, ...") var kind:
        String?
    @Option(
        name: .customLong("topic"),
        help: "A technology field, one to three (repeatable): medtech, Medizintechnik or Medical technology.")
    var topics: [String] = []
    @Option(name: .customLong("keyword"), help: "A free keyword (repeatable).") var keywords: [String] = []
    @Option(
        name: .customLong("audience"),
        help: "members, companies, research, startups, cluster-managers, public (repeatable).")
    var audience: [String] = []
    @Option(name: .customLong("region"), help: "A state: DE-BW, BW or Baden-Württemberg (repeatable).") var regions:
        [String] = []
    @Option(name: .customLong("language"), help: "A language code the entry is offered in, de or en (repeatable).")
    var languages: [String] = []
    @Option(help: "The entry's web page (https).") var url: String?
    @Option(help: "Who runs it, when not the node's organization.") var organizer: String?
    @Option(help: "Contact e-mail, preferably a role mailbox.") var contactEmail: String?
    @Option(help: "Contact phone number.") var contactPhone: String?
    @Option(help: "Price such as \"450 EUR\" or \"free\".") var price: String?
    @Flag(help: "Free of charge for members of the cluster.") var freeForMembers = false
    @Flag(help: "Keep the entry on this node only; it never leaves it.") var local = false
    @Option(help: "An offering's first day (YYYY-MM-DD).") var validFrom: String?
    @Option(help: "An offering's last day (YYYY-MM-DD).") var validUntil: String?
    @Option(help: "A training's format: seminar, workshop, webinar, course-series, ...") var format: String?
    @Option(help: "A training's length in hours.") var durationHours: Double?
    @Option(help: "beginner, intermediate or advanced.") var level: TrainingLevel?
    @Option(help: "The certificate participants receive.") var certificate: String?
    @Option(help: "Where to register (https).") var registrationUrl: String?
    @Option(
        name: .customLong("session"),
        help: ArgumentHelp(
            "A training session (repeatable).",
            discussion:
                "start=…,end=…,mode=onsite|online|hybrid[,city=…,region=…,venue=…,seats=…,language=…,deadline=…,online-url=…,id=…]"
        ))
    var sessions: [String] = []
    @Flag(help: "Replace an entry with the same id instead of refusing.") var update = false

    func validate() throws {
        if title == nil && titleEn == nil {
            throw ValidationError("give a title: --title (German) or --title-en (English)")
        }
    }

    func run() async throws {
        let entry = TermInput.resolved(try makeEntry())
        let node = try await options.openNode()
        let summary = try await node.add(entry, allowUpdate: update)
        for warning in summary.similarTitleWarnings { Console.error(warning) }
        if options.json {
            try Console.json(summary)
        } else {
            let verb = summary.updated.isEmpty ? (summary.added.isEmpty ? "Unchanged" : "Added") : "Updated"
            Console.line("\(verb) \(entry.id) (seq \(summary.seq))")
        }
    }

    private func makeEntry() throws -> Entry {
        func text(_ de: String?, _ en: String?) -> LocalizedText? {
            var text = LocalizedText()
            text["de"] = de
            text["en"] = en
            return text.isEmpty ? nil : text
        }
        var parsedPrice = try price.map(FieldText.price)
        if freeForMembers {
            parsedPrice = parsedPrice ?? Price()
            parsedPrice?.freeForMembers = true
        }
        let contact =
            contactEmail == nil && contactPhone == nil ? nil : Contact(email: contactEmail, phone: contactPhone)
        return Entry(
            id: id ?? Slug.make(from: title ?? titleEn ?? ""),
            type: type, title: text(title, titleEn) ?? LocalizedText(), summary: text(summary, summaryEn),
            description: text(description, descriptionEn), topics: topics, keywords: keywords, audience: audience,
            regions: regions, languages: languages, url: url, organizer: organizer, contact: contact,
            price: parsedPrice, visibility: local ? .local : .federated, kind: kind,
            validFrom: try validFrom.map(FieldText.date), validUntil: try validUntil.map(FieldText.date),
            format: format, sessions: try sessions.map(SessionOption.parse), durationHours: durationHours,
            level: level, certificate: certificate, registrationUrl: registrationUrl)
    }
}

extension TrainingLevel: ExpressibleByArgument {}
