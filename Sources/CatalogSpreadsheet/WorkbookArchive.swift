import CatalogCore
import Foundation
import ZIPFoundation

/// The zip container of a workbook, read with bounds: a part is inflated only up to
/// `maxPartBytes`, and all parts together up to `maxTotalBytes`, counted as they inflate (the
/// sizes an archive declares are not trusted), so a zip bomb fails early instead of filling memory.
struct WorkbookArchive {
    /// 10 MB of XML: what the XML parser (libxml2 without its "huge" option) reads in one
    /// document, about 5,000 rows of a catalog sheet.
    static let maxPartBytes = 10_000_000
    static let maxTotalBytes = 40_000_000

    private let archive: Archive
    private let name: String
    private var inflated = 0

    init(data: Data, name: String) throws {
        self.name = name
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw CatalogError(.invalidInput, "\(name) is not an .xlsx workbook: it is not a zip archive")
        }
    }

    /// The bytes of the part at `path` (`xl/workbook.xml`), or nil when the archive has none.
    mutating func part(_ path: String) throws -> Data? {
        guard let entry = archive[path], entry.type == .file else { return nil }
        var data = Data()
        let limit = min(Self.maxPartBytes, Self.maxTotalBytes - inflated)
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= limit else { throw PartTooLarge() }
                data.append(chunk)
            }
        } catch is PartTooLarge {
            throw CatalogError(
                .invalidInput,
                "\(name): \(path) inflates to more than \(limit / 1_000_000) MB of XML, more than a catalog sheet "
                    + "needs (about 5,000 rows); split it, or save it as CSV"
            )
        } catch {
            throw CatalogError(.invalidInput, "\(name) is not an .xlsx workbook: \(path) cannot be read (\(error))")
        }
        inflated += data.count
        return data
    }

    /// The part at `path`, which the workbook cannot do without.
    mutating func requiredPart(_ path: String) throws -> Data {
        guard let data = try part(path) else {
            throw CatalogError(.invalidInput, "\(name) is not an .xlsx workbook: it has no \(path)")
        }
        return data
    }

    private struct PartTooLarge: Error {}
}
