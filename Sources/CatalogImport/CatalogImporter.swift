import CatalogCore
import Foundation

/// Reads a catalog file into validated, normalized entries, or fails listing every problem.
public enum CatalogImporter {
    /// The largest import file accepted.
    public static let maxFileBytes = 64 * 1024 * 1024

    public static func read(file url: URL) throws -> [Entry] {
        let format = try ImportFormat(fileExtension: url.pathExtension)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CatalogError(.io, "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try read(data, format: format, name: url.lastPathComponent)
    }

    public static func read(_ data: Data, format: ImportFormat, name: String) throws -> [Entry] {
        guard data.count <= maxFileBytes else {
            throw CatalogError(.invalidInput, "\(name) is larger than \(maxFileBytes / 1024 / 1024) MB")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw CatalogError(.invalidInput, "\(name) is not UTF-8 text; save it as UTF-8 (with or without BOM)")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }

        let parsed: [ParsedEntry]
        switch format {
        case .json: parsed = try DocumentReader.read(json: Data(text.utf8), name: name)
        case .yaml: parsed = try DocumentReader.read(yaml: text, name: name)
        case .csv: parsed = try CSVCatalogReader.read(text, name: name)
        }
        return try validate(parsed, name: name)
    }

    /// Normalizes and validates each entry, mapping each issue to where it was written.
    static func validate(_ parsed: [ParsedEntry], name: String) throws -> [Entry] {
        var problems: [ImportProblem] = []
        var entries: [Entry] = []
        var firstLocation: [String: String] = [:]
        for item in parsed {
            problems += item.problems
            if let raw = item.entry {
                let entry = raw.normalized()
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
