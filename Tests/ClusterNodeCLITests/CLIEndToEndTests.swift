import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@Suite("The clusternode executable, end to end", .timeLimit(.minutes(10)))
struct CLIEndToEndTests {
    @Test("--version prints the release and nothing else")
    func version() throws {
        let cli = try CLI()
        let printed = try cli.succeed(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(printed == NodeSoftware.version)
        #expect(printed.split(separator: ".").count == 3 && printed.split(separator: ".").allSatisfy { Int($0) != nil })
    }

    @Test("init, import, list, show, remove and verify, as the README shows them")
    func readmeFlow() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let created = try cli.succeed([
            "init", "--dir", "mm", "--name", "medicalmountains", "--display-name", "MedicalMountains", "--level",
            "cluster",
            "--region", "DE-BW", "--host", "localhost",
        ])
        #expect(created.stdout.contains("medicalmountains#"))

        let imported = try cli.succeed(["entries", "import", "--dir", "mm", Fixtures.exampleCatalog("csv").path])
        #expect(imported.stdout.contains("6 added"))
        let again = try cli.succeed(["entries", "import", "--dir", "mm", Fixtures.exampleCatalog("yaml").path])
        #expect(again.stdout.contains("0 added, 0 updated, 6 unchanged"))

        try cli.succeed([
            "entries", "add", "--dir", "mm", "--type", "training", "--title", "GMP-Grundlagen für Einsteiger",
            "--topic", "medtech",
            "--region", "DE-BW", "--price", "450 EUR",
            "--session",
            "start=2027-03-15T09:00,end=2027-03-15T17:00,mode=onsite,city=Tuttlingen,region=DE-BW,venue=Haus A, 2. OG",
        ])
        let trainings = try #require(
            try cli.json(["entries", "list", "--dir", "mm", "--type", "training"]) as? [[String: Any]])
        #expect(trainings.count == 4)
        let added = try #require(trainings.first { $0["id"] as? String == "gmp-grundlagen-fuer-einsteiger" })
        #expect(added["seq"] as? Int == 7)
        let entry = try #require(added["entry"] as? [String: Any])
        let sessions = try #require(entry["sessions"] as? [[String: Any]])
        #expect((sessions.first?["location"] as? [String: Any])?["name"] as? String == "Haus A, 2. OG")

        let table = try cli.succeed(["entries", "list", "--dir", "mm"]).stdout
        #expect(table.contains("GMP-Grundlagen für Einsteiger") && table.contains("7 entries of medicalmountains"))
        let shown = try cli.succeed(["entries", "show", "--dir", "mm", "gmp-grundlagen-2027"]).stdout
        #expect(shown.contains("Tuttlingen") && shown.contains("450.00 EUR"))

        let removed = try cli.succeed(["entries", "remove", "--dir", "mm", "reinraum-praxis"])
        #expect(removed.stdout.contains("seq 8"))
        let live = try #require(try cli.json(["entries", "list", "--dir", "mm"]) as? [[String: Any]])
        #expect(live.count == 6)
        let all = try #require(
            try cli.json(["entries", "list", "--dir", "mm", "--include-withdrawn"]) as? [[String: Any]])
        #expect(all.first { $0["id"] as? String == "reinraum-praxis" }?["withdrawn"] as? Bool == true)

        let verified = try cli.succeed(["verify", "--dir", "mm"])
        #expect(verified.stdout.contains("Checked 7 envelopes and 1 heads: all verify"))
    }

    @Test("the envelope printed by show --envelope verifies with openssl and the PEM from key --pem")
    func envelopeWithOpenSSL() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.initNode()
        try cli.succeed(["entries", "import", "--dir", "mm", Fixtures.exampleCatalog("json").path])
        let envelopeBytes = try cli.succeed(["entries", "show", "--dir", "mm", "gmp-grundlagen-2027", "--envelope"])
            .stdoutData
        let pem = try cli.succeed(["key", "--dir", "mm", "--pem"]).stdout
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----"))

        // Take the envelope apart with JSONSerialization, independently of our decoder.
        let object = try #require(JSONSerialization.jsonObject(with: envelopeBytes) as? [String: Any])
        let payloadType = try #require(object["payloadType"] as? String)
        let payload = try #require((object["payload"] as? String).flatMap { Data(base64Encoded: $0) })
        let signatures = try #require(object["signatures"] as? [[String: Any]])
        let signature = try #require((signatures.first?["sig"] as? String).flatMap { Data(base64Encoded: $0) })
        var message = Data("DSSEv1 \(payloadType.utf8.count) \(payloadType) \(payload.count) ".utf8)
        message.append(payload)

        let keyFile = try cli.directory.write("mm.pub", pem)
        let messageFile = cli.directory.file("message.bin")
        try message.write(to: messageFile)
        let signatureFile = cli.directory.file("sig.bin")
        try signature.write(to: signatureFile)
        let verify = try Shell.run(
            "openssl",
            [
                "pkeyutl", "-verify", "-pubin", "-inkey", keyFile.path, "-rawin", "-in", messageFile.path, "-sigfile",
                signatureFile.path,
            ])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

        // The bytes are exactly what the database holds.
        let stored = try Shell.run(
            "sqlite3",
            [
                cli.directory.file("mm/catalog.sqlite").path,
                "SELECT hex(envelope) FROM entry WHERE id = 'gmp-grundlagen-2027';",
            ])
        #expect(stored.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == Hex.encode(envelopeBytes).uppercased())
    }

    @Test("a bad import stores nothing and lists every bad row on stderr")
    func badImport() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.initNode()
        let csv = try cli.directory.write(
            "bad.csv",
            "id;type;kind;title_de;topics\nok;offering;event;Gut;medtech\nbad;offering;fair;Schlecht;medtech\nworse;offering;event;;medtech\n"
        )
        let result = try cli.run(["entries", "import", "--dir", "mm", csv.path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "error: bad.csv: 2 problems, nothing imported")
        #expect(lines.contains { $0.contains("row 3: kind: 'fair'") })
        #expect(lines.contains { $0.contains("row 4: title:") })
        let listed = try #require(try cli.json(["entries", "list", "--dir", "mm", "--include-withdrawn"]) as? [Any])
        #expect(listed.isEmpty)
    }

    @Test("errors are one line naming what is wrong, with a non-zero exit")
    func errors() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        #expect(try cli.fail(["entries", "list", "--dir", "nowhere"]).hasPrefix("error: no node in"))
        try cli.initNode()
        let again = try cli.fail([
            "init", "--dir", "mm", "--name", "x", "--display-name", "X", "--level", "cluster", "--region", "DE-BW",
        ])
        #expect(again.contains("already holds a node") && !again.contains("\n"))
        let badName = try cli.fail([
            "init", "--dir", "n2", "--name", "Bad Name", "--display-name", "X", "--level", "cluster", "--region",
            "DE-BW",
        ])
        #expect(badName.contains("name 'Bad Name' must be a slug"))
        let badRegion = try cli.fail([
            "init", "--dir", "n3", "--name", "ok", "--display-name", "X", "--level", "cluster", "--region", "DE-XX",
        ])
        #expect(badRegion.contains("region 'DE-XX'"))
        let badLevel = try cli.fail([
            "init", "--dir", "n4", "--name", "ok", "--display-name", "X", "--level", "county", "--region", "DE-BW",
        ])
        #expect(badLevel.contains("county"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.file("n2").path))

        #expect(
            try cli.fail(["entries", "show", "--dir", "mm", "nothing"])
                == "error: no entry 'nothing' of origin medicalmountains")
        #expect(try cli.fail(["entries", "remove", "--dir", "mm", "nothing"]).contains("no entry 'nothing'"))
        let badSession = try cli.fail([
            "entries", "add", "--dir", "mm", "--type", "training", "--title", "Kurs", "--topic", "medtech",
            "--session", "start=2027-02-30T09:00,end=2027-03-01T10:00,mode=online",
        ])
        #expect(badSession.contains("'2027-02-30T09:00' is not a real date"))
        let httpURL = try cli.fail([
            "entries", "add", "--dir", "mm", "--type", "offering", "--kind", "event", "--title", "Forum", "--topic",
            "medtech",
            "--url", "http://forum.example",
        ])
        #expect(httpURL.contains("url: must be an https URL"))
        try cli.succeed([
            "entries", "add", "--dir", "mm", "--type", "offering", "--kind", "event", "--title", "Forum", "--topic",
            "medtech",
        ])
        #expect(
            try cli.fail([
                "entries", "add", "--dir", "mm", "--type", "offering", "--kind", "study", "--title", "Forum", "--topic",
                "medtech",
            ]).contains("pass --update"))
        #expect(try cli.fail(["entries", "import", "--dir", "mm", "catalog.xlsx"]).contains(".xlsx"))
    }

    @Test("the data directory comes from CLUSTERNODE_DIR when --dir is not given")
    func environmentDirectory() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.initNode("fromenv")
        let result = try cli.run(
            ["key", "--json"], environment: ["CLUSTERNODE_DIR": cli.directory.file("fromenv").path])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: String])
        #expect(object["origin"] == "medicalmountains")
        #expect(object["publicKey"]?.hasPrefix("ed25519:") == true)
    }

    @Test("the private key never appears in any output")
    func secretStaysSecret() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let created = try cli.succeed([
            "init", "--dir", "mm", "--name", "medicalmountains", "--display-name", "M", "--level", "cluster",
            "--region", "DE-BW", "--json",
        ])
        let secret = try String(contentsOf: cli.directory.file("mm/keys/signing.key"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        #expect(!secret.isEmpty)
        var outputs = [created.stdout]
        for arguments in [
            ["key", "--dir", "mm"], ["key", "--dir", "mm", "--pem"], ["key", "--dir", "mm", "--json"],
            ["verify", "--dir", "mm"],
        ] {
            outputs.append(try cli.succeed(arguments).stdout)
        }
        #expect(outputs.allSatisfy { !$0.contains(secret) })
    }
}
