import ArgumentParser
import CatalogCore
import CatalogImport
import CatalogSearch

/// The filters of a search, as `search` and `watch add` take them.
struct SearchFilterOptions: ParsableArguments {
    @Option(help: "offering or training.") var type: EntryType?
    @Option(help: "An offering kind: education, event, study, matchmaking, ... (or its label, e.g. Veranstaltung).")
    var kind: String?
    @Option(help: "A technology field: medtech, Medizintechnik or Medical technology (clusternode vocab topics).")
    var topic: String?
    @Option(help: "A state: DE-BW, BW or Baden-Württemberg.") var region: String?
    @Option(help: "Only entries of this origin.") var origin: String?
    @Option(help: "Sessions onsite (Präsenz), online or hybrid.") var mode: String?
    @Option(help: "A language: de, Deutsch or German.") var language: String?
    @Option(help: "members, companies, research, startups, cluster-managers or public (or a label).")
    var audience: String?
    @Flag(help: "Only entries free of charge (or free for members).") var free = false
    @Option(help: "Only entries costing at most this, in euros, e.g. 500 or \"1.250 €\" (free ones too).")
    var maxPrice: String?
    @Option(help: "Trainings with a session in this city.") var city: String?
    @Option(help: "Trainings with a session on or after this day (2027-03-15 or 15.03.2027).") var from: String?
    @Option(help: "Trainings with a session on or before this day (2027-03-15 or 15.03.2027).") var to: String?
    @Flag(help: "Include trainings whose sessions are all over.") var includePast = false

    /// The search for `text` with these filters (not yet validated).
    func query(text: String) throws -> SearchQuery {
        let from = try from.map(Self.date)
        let to = try to.map(Self.date)
        if let from, let to, to < from { throw CatalogError(.invalidInput, "--to \(to) is before --from \(from)") }
        var query = SearchQuery(
            text: text, type: type, kind: kind, topic: topic, region: region, origin: origin,
            mode: try mode.map(Self.mode),
            language: language, audience: audience, freeOnly: free, from: from, to: to, includePast: includePast)
        query.city = city
        query.maxPrice = try maxPrice.map(Self.amount)
        return query
    }

    /// `onsite`, `Präsenz`, `vor Ort`, `On site`: a session mode by any of its names.
    static func mode(_ text: String) throws -> SessionMode {
        guard let mode = SessionMode(named: text) else {
            throw CatalogError(
                .invalidInput, "--mode " + Vocabularies.modes.unknownValueMessage(text, what: "a session mode"))
        }
        return mode
    }

    /// `500`, `1.250 €`, `450,00 EUR`: an amount of euros.
    static func amount(_ text: String) throws -> Double {
        let price: Price
        do {
            price = try FieldText.price(text)
        } catch {
            throw CatalogError(.invalidInput, "--max-price '\(text)' is not an amount such as 500 or 1.250 €")
        }
        if price.isFree { return 0 }
        guard price.currency == nil || price.currency == "EUR", EntryValidator.isDecimalAmount(price.amount ?? ""),
            let amount = price.amount.flatMap(Double.init)
        else {
            throw CatalogError(.invalidInput, "--max-price '\(text)': amounts are compared in euros")
        }
        return amount
    }

    static func date(_ text: String) throws -> CatalogDate {
        guard let date = CatalogDate(reading: text) else {
            throw CatalogError(.invalidInput, "'\(text)' is not a real date (2027-03-15 or 15.03.2027)")
        }
        return date
    }
}
