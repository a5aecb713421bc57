import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@Suite("Backup and restore", .serialized, .timeLimit(.minutes(10)))
struct BackupTests {
    @Test("a backup taken while serving restores into a node that verifies and resumes sync from its checkpoint")
    func backupWhileServingAndRestore() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("bw", level: "agency")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        try fed.serve("mm")
        try fed.pin("bw", "mm")
        #expect(try fed.sync("bw").peers.first?.added == 5)
        let cursor = try fed.sql("bw", "SELECT cursor FROM peer_state WHERE peer = 'mm'")
        try fed.serve("bw")

        let backup = try fed.cli.succeed(["backup", "--dir", "bw", "bw-backup.sqlite"]).stdout
        #expect(backup.contains("Backed up") && backup.contains("integrity ok"))
        let mode = try FileManager.default.attributesOfItem(atPath: fed.cli.directory.file("bw-backup.sqlite").path)[
            .posixPermissions]
        #expect(mode as? Int == 0o600)
        #expect(try fed.cli.fail(["backup", "--dir", "bw", "bw-backup.sqlite"]).contains("exists"))
        fed.stop("bw")

        // Damage the live database, then restore.
        _ = try fed.sql("bw", "DELETE FROM entry; DELETE FROM peer_state;")
        #expect(try fed.cli.fail(["restore", "--dir", "mm", "bw-backup.sqlite"]).contains("belongs to 'bw'"))
        // A node of the same name but another key cannot take it.
        try fed.cli.succeed([
            "init", "--dir", "impostor", "--name", "bw", "--display-name", "X", "--level", "agency", "--region",
            "DE-BW",
        ])
        #expect(try fed.cli.fail(["restore", "--dir", "impostor", "bw-backup.sqlite"]).contains("another key"))
        let restored = try fed.cli.succeed(["restore", "--dir", "bw", "bw-backup.sqlite"]).stdout
        #expect(restored.contains("Restored"))
        #expect(FileManager.default.fileExists(atPath: fed.cli.directory.file("bw/catalog.sqlite.pre-restore").path))
        #expect(try fed.sql("bw", "SELECT count(*) FROM entry WHERE origin = 'mm'") == "5")
        #expect(try fed.sql("bw", "SELECT cursor FROM peer_state WHERE peer = 'mm'") == cursor)
        #expect(try fed.cli.succeed(["verify", "--dir", "bw"]).stdout.contains("all verify"))
        #expect(Int(try fed.sql("bw", "SELECT max_seq FROM origin WHERE is_self = 1")) ?? 0 >= 1_000_000)

        // Sync resumes from the checkpoint: only what is new arrives.
        try fed.cli.succeed([
            "entries", "add", "--dir", "mm", "--type", "offering", "--kind", "event", "--title", "Neues Forum",
            "--topic", "medtech",
        ])
        let resumed = try fed.sync("bw")
        #expect(resumed.ok && resumed.peers.first?.added == 1 && resumed.peers.first?.envelopes == 2)
    }

    @Test("restore refuses a file that is not a node's database")
    func refusesGarbage() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        _ = try fed.cli.directory.write("garbage.sqlite", "not a database")
        #expect(
            try fed.cli.fail(["restore", "--dir", "mm", "garbage.sqlite"])
                == "error: garbage.sqlite is not a clusternode database (file is not a database)")
        #expect(try fed.cli.succeed(["verify", "--dir", "mm"]).stdout.contains("all verify"))
    }
}
