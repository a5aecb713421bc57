import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@Suite("Editing entries in place, previewing imports, and near-duplicate titles", .serialized)
struct EditCLITests {
    func node() throws -> CLI {
        let cli = try CLI()
        try cli.initNode()
        try cli.succeed(["entries", "import", "--dir", "mm", Fixtures.exampleCatalog("csv").path])
        return cli
    }

    func entry(_ cli: CLI, _ id: String) throws -> [String: Any] {
        let shown = try #require(try cli.json(["entries", "show", "--dir", "mm", id]) as? [String: Any])
        return try #require(shown["entry"] as? [String: Any], "\(shown.keys)")
    }

    @Test("entries edit sets fields by path, adds and cancels sessions, in one signed write with a new seq")
    func edit() throws {
        let cli = try node()
        let before = try #require(
            try cli.json(["entries", "show", "--dir", "mm", "gmp-grundlagen-2027"]) as? [String: Any])
        let seq = try #require(before["seq"] as? Int)
        let out = try cli.succeed([
            "entries", "edit", "--dir", "mm", "gmp-grundlagen-2027", "--set", "title.de=GMP-Grundlagen kompakt",
            "--set", "price=1.250 €", "--set", "sessions[2].mode=Online", "--set", "sessions[2].location.city=Ulm",
            "--cancel-session", "1", "--add-session",
            "start=15.06.2027 09:00,end=15.06.2027 17:00,mode=onsite,city=Tuttlingen",
            "--set", "url=",
        ]).stdout
        #expect(out.contains("Updated gmp-grundlagen-2027 (seq \(seq) → "), "\(out)")
        let after = try #require(
            try cli.json(["entries", "show", "--dir", "mm", "gmp-grundlagen-2027"]) as? [String: Any])
        #expect(after["seq"] as? Int == 7)  // 6 entries imported, then one write
        let edited = try entry(cli, "gmp-grundlagen-2027")
        #expect((edited["title"] as? [String: String])?["de"] == "GMP-Grundlagen kompakt")
        #expect((edited["title"] as? [String: String])?["en"] == "GMP basics for beginners")
        #expect((edited["price"] as? [String: Any])?["amount"] as? String == "1250.00")
        #expect(edited["url"] == nil)
        let sessions = try #require(edited["sessions"] as? [[String: Any]])
        #expect(sessions.count == 3)
        #expect(sessions[0]["status"] as? String == "cancelled")
        #expect(sessions[1]["mode"] as? String == "online")
        #expect((sessions[1]["location"] as? [String: Any])?["city"] as? String == "Ulm")
        #expect(sessions[2]["start"] as? String == "2027-06-15T09:00")
        // The signature holds: verify checks every stored envelope.
        try cli.succeed(["verify", "--dir", "mm"])

        // The same edit again changes nothing and signs nothing.
        let same = try cli.succeed([
            "entries", "edit", "--dir", "mm", "gmp-grundlagen-2027", "--set", "title.de=GMP-Grundlagen kompakt",
        ]).stdout
        #expect(same.contains("Unchanged"), "\(same)")

        // Mistakes are named, and nothing is stored.
        let mistakes: [([String], String)] = [
            (["--set", "titel.de=x"], "titel"),
            (["--set", "title=x"], "title.de or title.en"),
            (["--set", "sessions[9].mode=online"], "there are 3 items"),
            (["--set", "sessions[1].start=31.02.2027 09:00"], "not a real date"),
            (["--set", "sessions[1].mode=teleport"], "mode"),
            (["--set", "price=viel"], "not a price"),
            (["--cancel-session", "4"], "numbered 1 to 3"),
            (["--set", "id=other"], "id"),
            (["--set", "nothing"], "FIELD=VALUE"),
            (["--set", "sessions="], "--cancel-session"),
            // Counted from 1 in the message too: the second session's end before its start.
            (["--set", "sessions[2].end=01.01.2027 08:00"], "sessions[2].end"),
        ]
        for (arguments, expected) in mistakes {
            let error = try cli.fail(["entries", "edit", "--dir", "mm", "gmp-grundlagen-2027"] + arguments)
            #expect(error.contains(expected) && !error.contains("\n"), "\(arguments): \(error)")
        }
        #expect(
            try cli.fail(["entries", "edit", "--dir", "mm", "nope", "--set", "url="]).contains("no live entry 'nope'"))
        let last = try #require(
            try cli.json(["entries", "show", "--dir", "mm", "gmp-grundlagen-2027"]) as? [String: Any])
        #expect(last["seq"] as? Int == 7)
    }

    @Test(
        "import --dry-run names what would change and stores nothing; a real import names what it updated and withdrew")
    func dryRun() throws {
        let cli = try node()
        let original = try String(contentsOf: Fixtures.exampleCatalog("csv"), encoding: .utf8)
        let lines = original.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        // One title changed, the rows of reinraum-praxis dropped, one entry new.
        var edited = lines.filter { !$0.hasPrefix("reinraum-praxis") }.joined(separator: "\n")
            .replacingOccurrences(of: "GMP-Grundlagen für Einsteiger", with: "GMP-Grundlagen kompakt")
        let header = lines[0].components(separatedBy: ";").count > 1 ? ";" : ","
        let columns = lines[0].components(separatedBy: header)
        var row = Array(repeating: "", count: columns.count)
        row[columns.firstIndex(of: "id")!] = "neu-2027"
        row[columns.firstIndex(of: "type")!] = "offering"
        row[columns.firstIndex(of: "kind")!] = "event"
        row[columns.firstIndex(of: "title_de")!] = "Neues Forum"
        row[columns.firstIndex(of: "topics")!] = "medtech"
        edited = edited.trimmingCharacters(in: .newlines) + "\n" + row.joined(separator: header) + "\n"
        try edited.write(to: cli.directory.file("edited.csv"), atomically: true, encoding: .utf8)

        let preview = try cli.succeed(["entries", "import", "--dir", "mm", "edited.csv", "--replace", "--dry-run"])
            .stdout
        #expect(preview.contains("Would import 6 entries"), "\(preview)")
        #expect(
            preview.contains("1 added, 1 updated, 4 unchanged, 1 withdrawn (seq 9); nothing was stored"), "\(preview)")
        #expect(preview.contains("  added: neu-2027\n") && preview.contains("  updated: gmp-grundlagen-2027\n"))
        #expect(preview.contains("  withdrawn: reinraum-praxis\n"), "\(preview)")
        let listed = try cli.succeed(["entries", "list", "--dir", "mm"]).stdout
        #expect(listed.contains("reinraum-praxis") && !listed.contains("neu-2027"))
        let json = try #require(
            try cli.json(["entries", "import", "--dir", "mm", "edited.csv", "--replace", "--dry-run"]) as? [String: Any]
        )
        #expect(json["withdrawn"] as? [String] == ["reinraum-praxis"])

        let real = try cli.succeed(["entries", "import", "--dir", "mm", "edited.csv", "--replace"]).stdout
        #expect(real.contains("1 added, 1 updated, 4 unchanged, 1 withdrawn (seq 9)"), "\(real)")
        #expect(real.contains("  updated: gmp-grundlagen-2027\n") && real.contains("  withdrawn: reinraum-praxis\n"))
    }

    @Test("adding an entry whose title nearly matches one the catalog holds warns, and stores it")
    func similarTitles() throws {
        let cli = try node()
        // The README's own example: the same training under a second id.
        let added = try cli.succeed([
            "entries", "add", "--dir", "mm", "--type", "training", "--title", "GMP-Grundlagen für Einsteiger",
            "--topic", "medtech", "--region", "DE-BW", "--price", "450 EUR",
            "--session", "start=2027-03-15T09:00,end=2027-03-15T17:00,mode=onsite,city=Tuttlingen,region=DE-BW",
        ])
        #expect(added.stdout.contains("Added gmp-grundlagen-fuer-einsteiger"))
        #expect(
            added.stderr.contains(
                "warning: new entry 'gmp-grundlagen-fuer-einsteiger' (\"GMP-Grundlagen für Einsteiger\") has nearly the title of 'gmp-grundlagen-2027'"
            ), "\(added.stderr)")
        // A typo away counts too; a different title does not.
        let typo = try cli.succeed([
            "entries", "add", "--dir", "mm", "--type", "offering", "--kind", "event", "--topic", "medtech",
            "--title", "Reinraumpraxis im Unternehmn",
        ])
        #expect(typo.stderr.contains("nearly the title of 'reinraum-praxis'"), "\(typo.stderr)")
        let other = try cli.succeed([
            "entries", "add", "--dir", "mm", "--type", "offering", "--kind", "event", "--topic", "medtech",
            "--title", "Sommerfest der Medizintechnik",
        ])
        #expect(!other.stderr.contains("warning"), "\(other.stderr)")
    }
}

@Suite("entries show tells everything, provenance included; entries list marks local entries", .serialized)
struct EntriesShowCLITests {
    @Test("an own entry: description, sessions with venue, link, seats and deadline, and its signer's key")
    func ownEntry() throws {
        let cli = try CLI()
        try cli.initNode()
        try cli.succeed(["entries", "import", "--dir", "mm", Fixtures.exampleCatalog("csv").path])
        let text = try cli.succeed(["entries", "show", "--dir", "mm", "gmp-grundlagen-2027"]).stdout
        let key = try #require(try cli.json(["key", "--dir", "mm"]) as? [String: Any])
        let fingerprint = try #require(key["fingerprint"] as? String)
        for expected in [
            "Gute Herstellungspraxis für Medizinprodukte", "Good manufacturing practice",
            "1. 2027-03-15 09:00 – 17:00  On site, Innovations- und Forschungszentrum", "register by 2027-03-01",
            "online: https://meet.medicalmountains.example/gmp", "18 seats", "Medizintechnik (medtech)",
            "signed by MedicalMountains (medicalmountains)", "key \(fingerprint)", "written on this node on",
            "valid under a key this node trusts",
        ] {
            #expect(text.contains(expected), "missing '\(expected)' in\n\(text)")
        }
        let json = try #require(
            try cli.json(["entries", "show", "--dir", "mm", "gmp-grundlagen-2027"]) as? [String: Any])
        let provenance = try #require(json["provenance"] as? [String: Any])
        #expect(provenance["keyFingerprint"] as? String == fingerprint)
        #expect(provenance["signatureValid"] as? Bool == true && provenance["viaPeer"] == nil)

        let list = try cli.succeed(["entries", "list", "--dir", "mm"]).stdout
        let survey = try #require(list.split(separator: "\n").first { $0.hasPrefix("mitgliederumfrage-2027") })
        #expect(survey.contains("survey (local)"), "\(survey)")
        #expect(list.contains("6 entries of medicalmountains; 1 local (members only, never sent to peers)"))
        let local = try cli.succeed(["entries", "show", "--dir", "mm", "mitgliederumfrage-2027"]).stdout
        #expect(local.contains("local: members only, never leaves this node"))
    }

    @Test("a received entry names the peer it came through and the origin's key")
    func receivedEntry() throws {
        let fed = try Federation.relayChain()
        defer { fed.shutDown() }
        let key = try #require(try fed.cli.json(["key", "--dir", "mm"]) as? [String: Any])
        let attempt = try fed.cli.run([
            "entries", "show", "--dir", "bw", "gmp-grundlagen-2027", "--origin", "mm", "--json",
        ])
        #expect(attempt.status == 0, "\(attempt.stderr)")
        let json = try #require(
            try fed.cli.json(["entries", "show", "--dir", "bw", "gmp-grundlagen-2027", "--origin", "mm"])
                as? [String: Any])
        let provenance = try #require(json["provenance"] as? [String: Any])
        #expect(provenance["viaPeer"] as? String == "mm")
        #expect(provenance["keyFingerprint"] as? String == key["fingerprint"] as? String)
        #expect(provenance["signatureValid"] as? Bool == true)
        let text = try fed.cli.succeed([
            "entries", "show", "--dir", "bw", "gmp-grundlagen-2027", "--origin", "mm",
        ]).stdout
        #expect(text.contains("received via Node mm (mm) on 20"), "\(text)")
    }
}
