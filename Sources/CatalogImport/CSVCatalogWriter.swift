import CatalogCore
import CatalogSpreadsheet
import Foundation

/// Writes entries as the table `entries import` reads (docs/CSV.md), as CSV or as an .xlsx
/// workbook: every column, one row per session, each row repeating its entry's columns (so a
/// spreadsheet's sorting and filtering keep rows whole); an entry without sessions is one row.
/// Importing the file again changes nothing.
public enum CSVCatalogWriter {
    /// The document, and what of the entries the columns cannot hold ("kurs-1: title.fr"): texts in
    /// languages other than German and English, a venue's country, list items holding `|` or `,`.
    public static func document(_ entries: [Entry], form: CSVDocument.Form = .standard) -> (
        text: String, losses: [String]
    ) {
        var document = CSVDocument(form: form)
        let table = rows(entries, form: form)
        for row in table.rows { document.append(row) }
        return (document.text, table.losses)
    }

    /// The same table as a one-sheet workbook named "Katalog". Its cells are never formulas, so
    /// they need no neutralising.
    public static func workbook(_ entries: [Entry]) throws -> (data: Data, losses: [String]) {
        let table = rows(entries, form: .standard)
        return (try WorkbookWriter.data(Sheet(name: "Katalog", cells: table.rows)), table.losses)
    }

    /// The header and one row per session.
    static func rows(_ entries: [Entry], form: CSVDocument.Form) -> (rows: [[String]], losses: [String]) {
        var table = [CSVColumn.allCases.map(\.rawValue)]
        var losses: [String] = []
        for entry in entries {
            let cells = entryCells(entry, form: form, losses: &losses)
            var rows: [[CSVColumn: String]] = []
            for session in entry.sessions { rows.append(sessionCells(session, of: entry, losses: &losses)) }
            for row in rows.isEmpty ? [[:]] : rows {
                table.append(CSVColumn.allCases.map { cells[$0] ?? row[$0] ?? "" })
            }
        }
        return (table, losses)
    }

    private static func entryCells(_ entry: Entry, form: CSVDocument.Form, losses: inout [String]) -> [CSVColumn:
        String]
    {
        var cells: [CSVColumn: String] = [:]
        func text(_ value: LocalizedText?, _ field: String, _ de: CSVColumn, _ en: CSVColumn) {
            cells[de] = value?["de"]
            cells[en] = value?["en"]
            for language in (value?.values.keys.sorted() ?? []) where language != "de" && language != "en" {
                losses.append("\(entry.id): \(field).\(language)")
            }
        }
        func list(_ items: [String], _ column: CSVColumn) {
            if items.contains(where: { $0.contains("|") || $0.contains(",") }) {
                losses.append("\(entry.id): \(column.rawValue) (an item holds | or ,)")
            }
            cells[column] = items.joined(separator: "|")
        }
        cells[.id] = entry.id
        cells[.type] = entry.type.rawValue
        cells[.kind] = entry.kind
        cells[.format] = entry.format
        text(entry.title, "title", .titleDE, .titleEN)
        text(entry.summary, "summary", .summaryDE, .summaryEN)
        text(entry.description, "description", .descriptionDE, .descriptionEN)
        list(entry.topics, .topics)
        list(entry.keywords, .keywords)
        list(entry.audience, .audience)
        list(entry.regions, .regions)
        list(entry.languages, .languages)
        cells[.url] = entry.url
        cells[.organizer] = entry.organizer
        cells[.contactEmail] = entry.contact?.email
        cells[.contactPhone] = entry.contact?.phone
        cells[.contactName] = entry.contact?.name
        cells[.contactFunction] = entry.contact?.function
        if let price = entry.price {
            if price.isFree {
                cells[.price] = form == .excel ? "kostenlos" : "free"
            } else if let amount = price.amount {
                cells[.price] = form.decimal(amount) + " " + (price.currency ?? "EUR")
            }
            cells[.freeForMembers] = price.freeForMembers.map { yes($0, form) }
        }
        if entry.visibility != .federated { cells[.visibility] = entry.visibility.rawValue }
        cells[.validFrom] = entry.validFrom?.text
        cells[.validUntil] = entry.validUntil?.text
        cells[.durationHours] = entry.durationHours.map { form.decimal(number($0)) }
        cells[.level] = entry.level?.rawValue
        cells[.certificate] = entry.certificate
        cells[.registrationURL] = entry.registrationUrl
        return cells.filter { !$0.value.isEmpty }
    }

    private static func sessionCells(_ session: Session, of entry: Entry, losses: inout [String]) -> [CSVColumn:
        String]
    {
        var cells: [CSVColumn: String] = [:]
        cells[.sessionID] = session.id
        cells[.sessionStart] = session.start.text
        cells[.sessionEnd] = session.end.text
        cells[.sessionMode] = session.mode.rawValue
        if let location = session.location {
            cells[.sessionVenue] = location.name
            cells[.sessionStreet] = location.street
            cells[.sessionPostalCode] = location.postalCode
            cells[.sessionCity] = location.city
            cells[.sessionRegion] = location.region
            if location.country != nil { losses.append("\(entry.id): session \(session.start.text) country") }
        }
        cells[.sessionOnlineURL] = session.onlineUrl
        cells[.sessionLanguage] = session.language
        cells[.sessionSeats] = session.seats.map(String.init)
        cells[.sessionRegistrationDeadline] = session.registrationDeadline?.text
        cells[.sessionStatus] = session.status?.rawValue
        return cells
    }

    private static func yes(_ value: Bool, _ form: CSVDocument.Form) -> String {
        form == .excel ? (value ? "ja" : "nein") : (value ? "yes" : "no")
    }

    /// `7.5`, `8` (not `8.0`): as a person would type it.
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
