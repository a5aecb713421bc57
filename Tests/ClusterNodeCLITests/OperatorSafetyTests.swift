import CatalogCore
import CatalogStore
import CatalogTestSupport
import Foundation
import Testing

/// What a node writes to files and terminals, and what the operator can and cannot do while it serves.
@Suite("Operator safety", .serialized, .timeLimit(.minutes(10)))
struct OperatorSafetyTests {
    func mode(_ fed: Federation, _ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: fed.cli.directory.file(path).path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("under umask 022 the data directory is 0700 and every file in it 0600, the database's WAL included")
    func fileModes() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        let result = try Shell.run(
            "/bin/sh",
            [
                "-c",
                "umask 022 && '\(CLI.executable)' init --dir mm --name mm --display-name MM --level cluster "
                    + "--region DE-BW --host localhost",
            ], directory: fed.cli.directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        try fed.serve("mm")
        #expect(try mode(fed, "mm") == 0o700)
        for file in [
            "mm/catalog.sqlite", "mm/catalog.sqlite-wal", "mm/catalog.sqlite-shm", "mm/tls/key.pem",
            "mm/tls/cert.pem", "mm/keys/signing.key", "mm/config.yaml",
        ] {
            #expect(try mode(fed, file) == 0o600, "\(file)")
        }
        try fed.node("bw", level: "agency")
        try fed.pin("bw", "mm")
        #expect(try mode(fed, "bw/peers/mm.yaml") == 0o600)
    }

    @Test("serve refuses a TLS key or database others can read, naming the file and the chmod")
    func readableSecrets() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        for file in ["mm/tls/key.pem", "mm/catalog.sqlite"] {
            let path = fed.cli.directory.file(file).path
            #expect(chmod(path, 0o644) == 0)
            let error = try fed.cli.fail(["serve", "--dir", "mm", "--host", "127.0.0.1", "--port", "0"])
            #expect(error.contains(path) && error.contains("chmod 600"), "\(error)")
            #expect(chmod(path, 0o600) == 0)
        }
    }

    @Test("restore is refused while serve runs; CLI writes while it runs are served at once")
    func restoreWhileServing() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        try fed.cli.succeed(["backup", "--dir", "mm", "mm.backup"])
        let server = try fed.serve("mm")
        let error = try fed.cli.fail(["restore", "--dir", "mm", "mm.backup"])
        #expect(error.contains("is serving") && error.contains("stop serve"), "\(error)")
        #expect(try fed.cli.fail(["serve", "--dir", "mm", "--port", "0"]).contains("is serving"))

        try fed.cli.succeed([
            "entries", "add", "--dir", "mm", "--type", "offering", "--kind", "event", "--title", "Neu im Betrieb",
            "--topic", "medtech",
        ])
        // The running server sees the new entry at once: it is in its feed.
        let feed = try Shell.run(
            "curl", ["-sS", "--cacert", fed.cli.directory.file("mm/tls/cert.pem").path, "\(server.url)/v1/changes"])
        let ids = feed.stdout.split(separator: "\n").dropFirst().compactMap {
            try? SignedEntry(bytes: Data($0.utf8)).id
        }
        #expect(ids.contains("neu-im-betrieb"), "\(ids)")
        server.stop()
        try fed.cli.succeed(["restore", "--dir", "mm", "mm.backup"])
    }

    @Test("/metrics counts only what the public feed holds, never members-only entries")
    func metricsWithoutLocal() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        let federated = try fed.sql(
            "mm", "SELECT count(*) FROM entry WHERE deleted = 0 AND visibility = 'federated'")
        let local = try fed.sql("mm", "SELECT count(*) FROM entry WHERE visibility = 'local'")
        #expect(local != "0", "the example catalog has a members-only entry")
        let server = try fed.serve("mm")
        let metrics = try Shell.run(
            "curl", ["-sS", "--cacert", fed.cli.directory.file("mm/tls/cert.pem").path, "\(server.url)/metrics"])
        #expect(metrics.stdout.contains(#"clusternode_entries{origin="mm"} \#(federated)"#), "\(metrics.stdout)")
    }

    @Test("a title with escape sequences from a peer is shown, not obeyed, in search and entries show")
    func terminalEscapes() async throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("de", level: "national", region: "DE")
        // As an older node stored it, before such titles were refused at the door.
        let key = NodeSigningKey(origin: "evil")
        var entry = Fixtures.offering(id: "fake")
        entry.title = LocalizedText(["de": "Kurs\u{1B}[2J\u{1B}[1;1HAlles in Ordnung"])
        let signed = try SignedEntry.sign(
            .version(of: entry, origin: "evil", seq: 1, updated: "2026-12-01T09:00:00Z"), with: key)
        let store = try CatalogStore.open(path: fed.cli.directory.file("de/catalog.sqlite").path)
        _ = try await store.applyReceived([.entry(signed)], refusals: [], peer: "evil", cursor: 1)
        try store.close()
        for arguments in [
            ["search", "--dir", "de", "Kurs"], ["entries", "show", "--dir", "de", "--origin", "evil", "fake"],
        ] {
            let result = try fed.cli.succeed(arguments)
            #expect(!result.stdoutData.contains(0x1B), "\(arguments[0]) printed an escape character")
            #expect(result.stdout.contains("\\u{1b}[2J"), "\(result.stdout)")
        }
    }
}
