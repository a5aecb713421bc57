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
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            where line.hasPrefix("import Catalog") {
                found.insert(String(line.dropFirst("import ".count)))
            }
        }
        return found
    }

    @Test("every library module imports exactly the modules its row names, and the puller is imported by no library")
    func importsMatch() throws {
        let graph = try documented()
        let libraries = try FileManager.default.contentsOfDirectory(
            atPath: Fixtures.repositoryRoot.appendingPathComponent("Sources").path
        ).filter { $0.hasPrefix("Catalog") }
        #expect(libraries.count >= 10)
        for module in libraries {
            let row = try #require(graph[module], "docs/ARCHITECTURE.md has no row for \(module)")
            #expect(try imported(by: module) == row, "\(module)")
        }
        for module in ["CatalogServer", "CatalogReports", "CatalogSearch", "CatalogTrust", "CatalogWire"] {
            #expect(try !imported(by: module).contains("CatalogSync"), "\(module) imports the puller")
        }
    }
}
