import CatalogTestSupport
import Foundation
import Testing

@Suite("The module graph in docs/ARCHITECTURE.md is the one the sources import")
struct ModuleGraphTests {
    /// Each module's row of the table: its name and the modules of ours it may import.
    func documented() throws -> [String: Set<String>] {
        let text = try String(
            contentsOf: Fixtures.repositoryRoot.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        var graph: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, let name = cells.first?.trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            else { continue }
            let names: [String] = cells[2] == "—" ? [] : cells[2].split(separator: ",").map { String($0) }
            let imports = names.map { name -> String in
                let short = name.trimmingCharacters(in: .whitespaces)
                return short.hasPrefix("Catalog") ? short : "Catalog" + short
            }
            graph[name] = Set(imports)
        }
        return graph
    }

    /// The modules of ours that the sources of `module` import.
    func imported(by module: String) throws -> Set<String> {
        let directory = Fixtures.repositoryRoot.appendingPathComponent("Sources/\(module)")
        var found: Set<String> = []
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                // `import X`, `public import X`, `@_exported import X`, `@testable import X`...
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                    words[..<index].allSatisfy({ $0.hasPrefix("@") || ["public", "package", "internal"].contains($0) })
                else { continue }
                let name = String(words[index + 1])
                if name.hasPrefix("Catalog") { found.insert(name) }
            }
        }
        return found
    }

    /// The modules of ours that `Package.swift` lists as `target`'s dependencies.
    func declared(for target: String) throws -> Set<String> {
        let manifest = try String(
            contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        // The target's own entry, not a product's: its name is followed by its dependencies.
        var search = manifest.startIndex..<manifest.endIndex
        var found: Range<String.Index>?
        while let name = manifest.range(of: "name: \"\(target)\",", range: search) {
            let rest = manifest[name.upperBound...].drop { $0.isWhitespace }
            if rest.hasPrefix("dependencies: [") {
                found = rest.range(of: "dependencies: [")
                break
            }
            search = name.upperBound..<manifest.endIndex
        }
        guard let list = found else { return [] }
        var depth = 1
        var end = list.upperBound
        while depth > 0, end < manifest.endIndex {
            if manifest[end] == "[" { depth += 1 }
            if manifest[end] == "]" { depth -= 1 }
            end = manifest.index(after: end)
        }
        let text = manifest[list.upperBound..<end]
        var names: Set<String> = []
        for piece in text.split(separator: "\"") where piece.hasPrefix("Catalog") && !piece.contains(" ") {
            names.insert(String(piece))
        }
        return names
    }

    @Test("every library module imports exactly the modules its row names and Package.swift declares")
    func importsMatch() throws {
        let graph = try documented()
        let libraries = try FileManager.default.contentsOfDirectory(
            atPath: Fixtures.repositoryRoot.appendingPathComponent("Sources").path
        ).filter { $0.hasPrefix("Catalog") }
        #expect(libraries.count >= 10)
        for module in libraries {
            let row = try #require(graph[module], "docs/ARCHITECTURE.md has no row for \(module)")
            #expect(try imported(by: module) == row, "\(module): imports and docs/ARCHITECTURE.md differ")
            #expect(try declared(for: module) == row, "\(module): Package.swift and docs/ARCHITECTURE.md differ")
        }
        for module in ["CatalogServer", "CatalogReports", "CatalogSearch", "CatalogTrust", "CatalogWire"] {
            #expect(try !imported(by: module).contains("CatalogSync"), "\(module) imports the puller")
        }
    }
}
