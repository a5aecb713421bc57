import CatalogCore
import Crypto
import Foundation

/// A national federation made up from a seed: `origins` cluster organizations with
/// `entriesPerOrigin` entries each, whose catalogs reach the national node through `agencies`
/// state agencies (origin `i` belongs to agency `i % agencies`). The same seed, sizes and start day give the same entries, word
/// for word, so a benchmark run can be repeated and compared.
///
/// Entries look like the field's: German titles and texts (about half also in English) of realistic
/// length, one to three technology fields with their terms as keywords, offerings of every kind and
/// trainings with one to four dated sessions across Germany.
public struct SyntheticFederation: Sendable {
    public let seed: UInt64
    public let origins: Int
    public let entriesPerOrigin: Int
    public let agencies: Int
    /// The first day sessions may start (the benchmark passes today, so nothing is past).
    public let startDay: CatalogDate

    public init(seed: UInt64, origins: Int, entriesPerOrigin: Int, agencies: Int = 1, startDay: CatalogDate) {
        self.seed = seed
        self.origins = origins
        self.entriesPerOrigin = entriesPerOrigin
        self.agencies = max(1, min(agencies, origins))
        self.startDay = startDay
    }

    /// One cluster organization of the federation.
    public struct Origin: Sendable, Equatable {
        public let name: String
        public let displayName: String
        public let region: String
        /// The technology fields it works in; its entries draw from them.
        public let topics: [String]
        /// The agency it belongs to.
        public let agency: Int
    }

    /// A state agency: it holds its member clusters' catalogs and vouches for their keys.
    public struct Agency: Sendable, Equatable {
        public let name: String
        public let region: String
    }

    private var states: [String] { Vocabularies.regions.ids.filter { $0 != "DE" } }

    public func agency(_ index: Int) -> Agency {
        Agency(name: "agency-\(String(index + 1).leftPadded(to: 2))", region: states[index % states.count])
    }

    /// The origins whose catalogs agency `index` holds.
    public func members(ofAgency index: Int) -> [Int] {
        Array(stride(from: index, to: origins, by: agencies))
    }

    /// Origin `index`'s signing key, derived from the seed: the same federation signs the same way.
    public func signingKey(origin index: Int) -> NodeSigningKey {
        var random = SeededGenerator(seed: seed, stream: 3, index: UInt64(index))
        let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: random.next().littleEndian) { Array($0) } }
        // 32 bytes are always a valid Ed25519 seed.
        let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
        return NodeSigningKey(origin: origin(index).name, key: key)
    }

    public func origin(_ index: Int) -> Origin {
        var random = SeededGenerator(seed: seed, stream: 1, index: UInt64(index))
        // Every technology field of the vocabulary, so that a field's words match a few percent of
        // a national catalog, as they do in the real one.
        let focus = random.pick(1...3, of: Vocabularies.topics.ids)
        let topic = Vocabularies.topics.term(focus[0])?.de ?? focus[0]
        let name = "cluster-\(String(index + 1).leftPadded(to: 3))"
        let agency = index % agencies
        return Origin(
            name: name, displayName: "Cluster \(topic) \(index + 1)", region: self.agency(agency).region,
            topics: focus, agency: agency)
    }

    /// Entry `index` of origin `originIndex`; `revision` above 0 gives the same entry edited that
    /// many times (a changed summary), for incremental syncs.
    public func entry(origin originIndex: Int, index: Int, revision: Int = 0) -> Entry {
        let origin = origin(originIndex)
        var random = SeededGenerator(seed: seed, stream: 2 + UInt64(originIndex), index: UInt64(index))
        let isTraining = random.chance(45)
        var topics = [random.pick(origin.topics)]
        if random.chance(40) { topics.append(random.pick(Vocabularies.topics.ids)) }
        topics = Array(Set(topics)).sorted()
        let words = SyntheticWords.terms(of: topics[0])
        let term = random.pick(words.de)
        let other = random.pick(random.chance(50) ? words.de : SyntheticWords.generalTerms.de)
        let termEN = random.pick(words.en)
        let kind = isTraining ? nil : random.pick(Vocabularies.kinds.ids)
        let kindLabel = kind.flatMap { Vocabularies.kinds.term($0)?.de } ?? ""
        let year = String(startDay.text.prefix(4))

        func fill(_ form: String, _ term: String, _ other: String) -> String {
            form.replacingOccurrences(of: "{t}", with: term).replacingOccurrences(of: "{u}", with: other)
                .replacingOccurrences(of: "{k}", with: kindLabel).replacingOccurrences(of: "{y}", with: year)
        }
        let forms = SyntheticWords.titleForms[isTraining ? "training" : "offering"]!
        let english = random.chance(50)
        var title = LocalizedText(["de": fill(random.pick(forms.de), term, other)])
        if english { title["en"] = fill(random.pick(forms.en), termEN, termEN) }

        func paragraph(_ sentences: [String], count: Int, _ term: String, _ other: String) -> String {
            (0..<count).map { _ in fill(random.pick(sentences), term, other) }.joined(separator: " ")
        }
        var summary = LocalizedText(["de": paragraph(SyntheticWords.sentences.de, count: 2, term, other)])
        let descriptionLength = Int.random(in: 3...8, using: &random)
        var description = LocalizedText([
            "de": paragraph(SyntheticWords.sentences.de, count: descriptionLength, term, other)
        ])
        if english {
            summary["en"] = paragraph(SyntheticWords.sentences.en, count: 1, termEN, termEN)
            let englishLength = Int.random(in: 2...4, using: &random)
            description["en"] = paragraph(SyntheticWords.sentences.en, count: englishLength, termEN, termEN)
        }
        if revision > 0 { summary["de"] = (summary["de"] ?? "") + " Aktualisiert (Fassung \(revision + 1))." }

        let slug = "e\(String(index + 1).leftPadded(to: 7))"
        var entry = Entry(
            id: slug, type: isTraining ? .training : .offering, title: title, summary: summary,
            description: description, topics: topics,
            keywords: random.pick(2...5, of: words.de + words.en),
            audience: random.pick(1...3, of: Vocabularies.audiences.ids),
            regions: [origin.region], languages: english ? ["de", "en"] : ["de"],
            url: "https://\(origin.name).example/angebote/\(slug)",
            organizer: random.chance(30) ? random.pick(SyntheticWords.organizers) : nil,
            contact: Contact(email: "info@\(origin.name).example"),
            price: random.chance(40)
                ? .gratis : Price(amount: "\(Int.random(in: 1...40, using: &random) * 50).00", currency: "EUR"))
        if isTraining {
            entry.format = random.pick(Vocabularies.formats.ids)
            entry.level = random.pick([TrainingLevel.beginner, .intermediate, .advanced])
            entry.durationHours = Double(Int.random(in: 1...5, using: &random) * 4)
            entry.certificate = random.chance(50) ? "Teilnahmezertifikat" : nil
            entry.sessions = sessions(&random, slug: slug, origin: origin)
        } else {
            entry.kind = kind
            if random.chance(30) { entry.validUntil = day(Int.random(in: 60...720, using: &random)) }
        }
        return entry
    }

    private func sessions(_ random: inout SeededGenerator, slug: String, origin: Origin) -> [Session] {
        (0..<Int.random(in: 1...4, using: &random)).map { number in
            let place = random.pick(SyntheticWords.cities)
            let date = day(Int.random(in: 7...540, using: &random)).text
            let hour = Int.random(in: 8...14, using: &random)
            let mode = random.pick([SessionMode.onsite, .onsite, .online, .hybrid])
            let hasVenue = mode != .online
            return Session(
                id: "s\(number + 1)",
                start: CatalogDateTime("\(date)T\(String(hour).leftPadded(to: 2)):00")!,
                end: CatalogDateTime("\(date)T\(String(hour + 4).leftPadded(to: 2)):00")!, mode: mode,
                location: hasVenue
                    ? Location(name: random.pick(SyntheticWords.venues), city: place.city, region: place.region) : nil,
                onlineUrl: hasVenue && mode == .onsite ? nil : "https://meet.\(origin.name).example/\(slug)",
                language: "de", seats: Int.random(in: 10...60, using: &random),
                status: random.chance(3) ? .cancelled : nil)
        }
    }

    /// The day `offset` days after `startDay`.
    func day(_ offset: Int) -> CatalogDate {
        let parts = startDay.text.split(separator: "-").compactMap { Int($0) }
        let (year, month, dayOfMonth) = CivilDays.date(CivilDays.number(parts[0], parts[1], parts[2]) + offset)
        return CatalogDate(
            "\(year)-\(String(month).leftPadded(to: 2))-\(String(dayOfMonth).leftPadded(to: 2))")!
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
