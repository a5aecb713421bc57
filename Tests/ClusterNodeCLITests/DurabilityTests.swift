import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Nothing half-written", .serialized, .timeLimit(.minutes(10)))
struct DurabilityTests {
    @Test(
        "an import killed with SIGKILL at any moment leaves the catalog as before or as after, never between",
        arguments: [30, 150, 400, 900])
    func importKilled(afterMilliseconds delay: Int) throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.initNode()
        let catalog = cli.directory.file("many.json")
        try CatalogJSON.encode((1...1500).map { Fixtures.offering(id: "angebot-\($0)") }).write(to: catalog)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["entries", "import", "--dir", "mm", catalog.path]
        process.currentDirectoryURL = cli.directory.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try Shell.launch(process)
        usleep(useconds_t(delay * 1000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let database = cli.directory.file("mm/catalog.sqlite").path
        func sql(_ statement: String) throws -> String {
            try Shell.run("sqlite3", [database, statement]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try sql("PRAGMA integrity_check") == "ok")
        let count = try sql("SELECT count(*) FROM entry")
        #expect(count == "0" || count == "1500", "\(count) entries after a kill at \(delay) ms")
        #expect(try sql("SELECT max_seq FROM origin WHERE is_self = 1") == count)
        #expect(try sql("SELECT seq || ' ' || live FROM head") == "\(count) \(count)")
        #expect(try sql("SELECT count(*) FROM search_doc") == count)
        let verify = try cli.run(["verify", "--dir", "mm"])
        #expect(verify.status == 0, "\(verify.stdout)")
        // And the import can simply be run again.
        try cli.succeed(["entries", "import", "--dir", "mm", catalog.path])
        #expect(try sql("SELECT count(*) FROM entry") == "1500")
    }
}
