import CatalogCore
import CatalogNode
import CatalogStore
import Foundation

/// Writes the entries a node holds as iCalendar, schema.org JSON-LD, or the catalog JSON that
/// `entries import` reads back.
public enum Exporter {
    public enum Format: String, CaseIterable, Sendable, ClosedSetDecodable {
        case ics, jsonld, json
    }

    public static func export(node: Node, format: Format, filter: ExportFilter) async throws -> Data {
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
            return Data(ICalendarExport.render(items.filter { $0.entry.type == .training }, calendarName: name).utf8)
        case .jsonld:
            return try JSONLDExport.render(items)
        case .json:
            struct Catalog: Encodable { let entries: [Entry] }
            var data = try CatalogJSON.encode(Catalog(entries: items.map(\.entry)), pretty: true)
            data.append(UInt8(ascii: "\n"))
            return data
        }
    }
}
