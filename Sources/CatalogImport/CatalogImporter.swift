import CatalogCore
import CatalogSpreadsheet
import Foundation

/// Reads a catalog file into validated, normalized entries, or fails listing every problem.
public enum CatalogImporter {
    /// The largest import file accepted.
    public static let maxFileBytes = 64 * 1024 * 1024

    /// What a file held, and how its text was read when that is worth saying.
    public struct Imported: Sendable {
        public let entries: [Entry]
        /// "read as Windows-1252 (it is not UTF-8)", or nil when the file was UTF-8 or a workbook.
        public let encodingNote: String?
    }

    public static func read(file url: URL) throws -> [Entry] { try load(file: url).entries }

    public static func load(file url: URL) throws -> Imported {
        let format = try ImportFormat(fileExtension: url.pathExtension)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CatalogError(.io, "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try load(data, format: format, name: url.lastPathComponent)
    }

    public static func read(_ data: Data, format: ImportFormat, name: String) throws -> [Entry] {
        try load(data, format: format, name: name).entries
    }

    public static func load(_ data: Data, format: ImportFormat, name: String) throws -> Imported {
        guard data.count <= maxFileBytes else {
            throw CatalogError(.invalidInput, "\(name) is larger than \(maxFileBytes / 1024 / 1024) MB")
        }
        if format == .xlsx {
            let sheet = try WorkbookReader.firstSheet(of: data, name: name)
            let parsed = try TableCatalogReader.read(
                sheet.rows.map { ($0.number, $0.cells) }, name: name, neutralised: false)
            return Imported(entries: try validate(parsed, name: name), encodingNote: nil)
        }
        let decoded = try FileText.decode(data, name: name, allowLegacy: format == .csv)
        let parsed: [ParsedEntry]
        switch format {
        case .json: parsed = try DocumentReader.read(json: Data(decoded.text.utf8), name: name)
        case .yaml: parsed = try DocumentReader.read(yaml: decoded.text, name: name)
        case .csv, .xlsx: parsed = try CSVCatalogReader.read(decoded.text, name: name)
        }
        return Imported(entries: try validate(parsed, name: name), encodingNote: decoded.note)
    }

    /// Normalizes and validates each entry, mapping each issue to where it was written.
    static func validate(_ parsed: [ParsedEntry], name: String) throws -> [Entry] {
        var problems: [ImportProblem] = []
        var entries: [Entry] = []
        var firstLocation: [String: String] = [:]
        for item in parsed {
            problems += item.problems
            if let raw = item.entry {
                let entry = TermInput.resolved(raw).normalized()
                for issue in EntryValidator.issues(in: entry) {
                    problems.append(ImportProblem(item.location(for: issue.field), issue.description))
                }
                if let earlier = firstLocation[entry.id] {
                    problems.append(
                        ImportProblem(item.location(for: "id"), "id '\(entry.id)' is used by \(earlier) too"))
                } else {
                    firstLocation[entry.id] = item.location(for: "id")
                }
                entries.append(entry)
            }
        }
        if entries.isEmpty && problems.isEmpty {
            problems.append(ImportProblem(name, "holds no entries"))
        }
        guard problems.isEmpty else { throw ImportFailure(file: name, problems: problems) }
        return entries
    }
}

/// An entry read from a file, or the problems that kept it from being read, with where it stands.
struct ParsedEntry {
    /// The entry, or nil when `problems` kept it from being read.
    let entry: Entry?
    let problems: [ImportProblem]
    /// Names the place in the file a field was written, e.g. `row 7` or `entry 2 (gmp-basics)`.
    let location: @Sendable (String) -> String

    func location(for field: String) -> String { location(field) }
}
