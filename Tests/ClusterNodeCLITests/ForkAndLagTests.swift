import CatalogCore
import CatalogStore
import CatalogTestSupport
import Foundation
import Testing

@Suite("Forks and lag named for what they are", .serialized, .timeLimit(.minutes(10)))
struct ForkAndLagTests {
    /// An operator copies an old database back instead of using `restore` (which moves the seqs
    /// past everything signed before) and writes again: the origin now signs a second history.
    @Test("a peer whose database was copied back and written to is named as equivocating, not as incomplete")
    func singlePeerFork() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("de", level: "national", region: "DE")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        let saved = fed.cli.directory.file("saved.sqlite").path
        let copy = try Shell.run("sqlite3", [fed.cli.directory.file("mm/catalog.sqlite").path, ".backup '\(saved)'"])
        #expect(copy.status == 0, "\(copy.stderr)")
        try add(fed, "mm", id: "fork-a")
        let port = try fed.serve("mm").port
        try fed.pin("de", "mm")
        #expect(try fed.sync("de").peers.first?.added == 6)

        fed.stop("mm")
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: fed.cli.directory.file("mm/catalog.sqlite\(suffix)").path)
        }
        try FileManager.default.copyItem(atPath: saved, toPath: fed.cli.directory.file("mm/catalog.sqlite").path)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600], ofItemAtPath: fed.cli.directory.file("mm/catalog.sqlite").path)
        try add(fed, "mm", id: "fork-b")  // the seq fork-a was signed with, a different envelope
        try add(fed, "mm", id: "fork-c")
        try fed.serve("mm", port: port)

        let report = try #require(try fed.sync("de").peers.first)
        #expect(report.ok)
        #expect(report.refused.contains { $0.reason == .equivocation && $0.origin == "mm" }, "\(report.refused)")
        let copyState = try #require(report.incomplete.first { $0.origin == "mm" })
        #expect(copyState.forked && copyState.differs)
        #expect(try fed.ids("de", origin: "mm").contains("fork-a"), "the first history is kept")
        #expect(try !fed.ids("de", origin: "mm").contains("fork-b"))

        // Told in words that do not contradict themselves.
        let text = try fed.cli.run(["sync", "--dir", "de"]).stdout
        #expect(text.contains("signed two histories (equivocation)"), "\(text)")
        #expect(!text.contains("1 missing"), "\(text)")
        let held = copyState.held
        #expect(!text.contains("\(held) of the \(held) entries"), "\(text)")
    }

    /// mm → bw → de → bw: after an edit, bw pulls mm first and then de, which still has the old
    /// version; de's own head for mm is older too, so it is behind, not replaying.
    @Test("a relay that is merely behind in a cycle is stale-relay, not a rollback; --from-start pulls again")
    func laggingRelayInACycle() throws {
        let fed = try Federation.relayChain()
        defer { fed.shutDown() }
        try fed.endorse("de", "bw")
        try fed.serve("de")
        try fed.pin("bw", "de")
        #expect(try fed.sync("de").peers.first?.added == 5)

        try fed.cli.succeed([
            "entries", "add", "--dir", "mm", "--update", "--type", "offering", "--kind", "event", "--id",
            "medtech-forum-2027", "--title", "MedTech-Forum Süd 2027 – verschoben", "--topic", "medtech",
        ])
        #expect(try fed.sync("bw", extra: ["--peer", "mm"]).peers.first?.updated == 1)
        // A page of one envelope: de's head for mm comes pages after the old entry.
        let behind = try #require(try fed.sync("bw", extra: ["--peer", "de", "--page-size", "1"]).peers.first)
        #expect(behind.ok && behind.refused == [], "\(behind.error ?? "") \(behind.refused)")
        #expect(behind.staleRelay["mm"] == 2, "the old entry and the old head: \(behind.staleRelay)")
        #expect(try fed.sql("bw", "SELECT count(*) FROM refusal_count") == "0", "not a security metric")
        let metrics = try Shell.run(
            "curl",
            [
                "-sS", "--fail", "--cacert", fed.cli.directory.file("bw/tls/cert.pem").path,
                "\(try #require(fed.server("bw")).url)/metrics",
            ])
        #expect(metrics.stdout.contains("reason=\"rollback\"} 0"), "\(metrics.stdout)")
        // Nothing new since: the next pull asks from the checkpoint; --from-start pulls the whole feed again.
        #expect(try fed.sync("bw", extra: ["--peer", "de"]).peers.first?.envelopes == 0)
        let text = try fed.cli.run(["sync", "--dir", "bw", "--peer", "de", "--from-start"]).stdout
        #expect(text.contains("stale-relay mm: 2 envelopes older"), "\(text)")
        #expect(text.contains("0 refused"), "\(text)")
        // (A relay serving less than its own head claims stays a rollback: RefusalTests.rollback.)
    }

    private func add(_ fed: Federation, _ dir: String, id: String) throws {
        try fed.cli.succeed([
            "entries", "add", "--dir", dir, "--type", "offering", "--kind", "event", "--id", id, "--title",
            "Forum \(id)", "--topic", "medtech",
        ])
    }
}
