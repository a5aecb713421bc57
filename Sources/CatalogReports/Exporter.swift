import CatalogCore
import CatalogImport
import CatalogNode
import CatalogStore
import Foundation

/// Writes the entries a node holds as iCalendar, schema.org JSON-LD, or the catalog JSON and CSV
/// and CSV or .xlsx tables that `entries import` reads back.
public enum Exporter {
    public enum Format: String, CaseIterable, Sendable, ClosedSetDecodable {
        case ics, jsonld, json, csv, xlsx
    }

    /// An export's bytes, and what of the entries its format cannot hold (CSV and xlsx: see
    /// `CSVCatalogWriter`).
    public struct Export: Sendable {
        public let data: Data
        public let losses: [String]
    }

    /// - Parameter csvForm: the CSV's form (standard, or German Excel's).
    public static func export(
        node: Node, format: Format, filter: ExportFilter, csvForm: CSVDocument.Form = .standard
    ) async throws -> Export {
        let rows = try await node.store.exportEntries(filter)
        let origins = try await OriginDirectory(node: node)
        let items: [ICalendarExport.Item] = rows.compactMap { row in
            guard let signed = try? row.signedEntry(), let entry = signed.entry else { return nil }
            return ICalendarExport.Item(
                origin: row.origin, organizerName: origins.info(row.origin).displayName, seq: row.seq,
                updated: row.updated, entry: entry)
        }
        switch format {
        case .ics:
            let name =
                filter.origin.map { origins.info($0).displayName } ?? "\(node.config.displayName): Cluster Exchange"
            let text = ICalendarExport.render(items.filter { $0.entry.type == .training }, calendarName: name)
            return Export(data: Data(text.utf8), losses: [])
        case .jsonld:
            return Export(data: try JSONLDExport.render(items), losses: [])
        case .json:
            struct Catalog: Encodable { let entries: [Entry] }
            var data = try CatalogJSON.encode(Catalog(entries: items.map(\.entry)), pretty: true)
            data.append(UInt8(ascii: "\n"))
            return Export(data: data, losses: [])
        case .csv:
            let document = CSVCatalogWriter.document(items.map(\.entry), form: csvForm)
            return Export(data: Data(document.text.utf8), losses: document.losses)
        case .xlsx:
            let workbook = try CSVCatalogWriter.workbook(items.map(\.entry))
            return Export(data: workbook.data, losses: workbook.losses)
        }
    }
}
