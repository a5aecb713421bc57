import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@Suite("A federation of real nodes over HTTPS on loopback", .serialized, .timeLimit(.minutes(10)))
struct FederationTests {
    @Test("two clusters reach the national node through their agency, edits and withdrawals follow, cycles converge")
    func threeTiers() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("mt")
        try fed.node("bw", level: "agency")
        try fed.node("de", level: "national", region: "DE")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        for id in ["laser-basics", "wafer-forum"] {
            try fed.cli.succeed([
                "entries", "add", "--dir", "mt", "--type", "offering", "--kind", "event", "--id", id, "--title",
                "Mikrotechnik \(id)",
                "--topic", "microsystems",
            ])
        }
        try fed.serve("mm")
        try fed.serve("mt")
        try fed.pin("bw", "mm")
        try fed.pin("bw", "mt")
        try fed.endorse("bw", "mm")
        try fed.endorse("bw", "mt")
        try fed.serve("bw")
        try fed.pin("de", "bw")
        let de = try fed.serve("de")

        let agency = try fed.sync("bw")
        #expect(agency.ok && agency.peers.map(\.added) == [5, 2])
        let national = try fed.sync("de")
        #expect(national.ok && national.peers.first?.added == 7 && national.peers.first?.refused == [])
        let mmAtNational = try fed.ids("de", origin: "mm")
        #expect(mmAtNational.count == 5 && !mmAtNational.contains("mitgliederumfrage-2027"))
        #expect(try fed.ids("de", origin: "mt") == ["laser-basics", "wafer-forum"])

        // curl, an independent client, trusts the national node with its certificate.
        let curl = try Shell.run(
            "curl", ["-sS", "--fail", "--cacert", fed.cli.directory.file("de/tls/cert.pem").path, "\(de.url)/v1/node"])
        #expect(curl.status == 0, "\(curl.stderr)")
        #expect(curl.stdout.contains(#""name":"de""#) && curl.stdout.contains(#""level":"national""#))

        // An edit and a withdrawal at the cluster reach the national node through the agency.
        try fed.cli.succeed([
            "entries", "add", "--dir", "mm", "--update", "--type", "offering", "--kind", "event", "--id",
            "medtech-forum-2027",
            "--title", "MedTech-Forum Süd 2027 – neues Programm", "--topic", "medtech",
        ])
        try fed.cli.succeed(["entries", "remove", "--dir", "mm", "reinraum-praxis"])
        #expect(
            try fed.sync("bw").peers.first { $0.peer == "mm" }.map { ($0.updated, $0.withdrawn) } ?? (0, 0) == (1, 1))
        let relayed = try fed.sync("de")
        #expect(relayed.peers.first.map { ($0.updated, $0.withdrawn, $0.missing) } ?? (0, 0, 1) == (1, 1, 0))
        #expect(try !fed.ids("de", origin: "mm").contains("reinraum-praxis"))
        let shown = try #require(
            try fed.cli.json(["entries", "show", "--dir", "de", "--origin", "mm", "medtech-forum-2027"])
                as? [String: Any])
        #expect(
            ((shown["entry"] as? [String: Any])?["title"] as? [String: String])?["de"]
                == "MedTech-Forum Süd 2027 – neues Programm")

        // Envelopes arrive byte for byte as the cluster signed them.
        let atCluster = try fed.sql("mm", "SELECT hex(envelope) FROM entry WHERE id = 'medtech-forum-2027'")
        #expect(try fed.sql("de", "SELECT hex(envelope) FROM entry WHERE id = 'medtech-forum-2027'") == atCluster)

        // A cluster that pulls from the national node receives the whole federation.
        try fed.endorse("de", "bw")
        try fed.pin("mt", "de")
        let fromNational = try fed.sync("mt")
        #expect(fromNational.ok && fromNational.peers.first?.added == 4 && fromNational.peers.first?.refused == [])
        #expect(try fed.ids("mt", origin: "mm").count == 4)

        // A cycle (the agency also pulls from the national node) converges without duplicates.
        try fed.pin("bw", "de")
        let cycle = try fed.sync("bw", extra: ["--peer", "de"])
        #expect(cycle.ok && cycle.peers.first.map { $0.added + $0.updated + $0.withdrawn } == 0)
        #expect(cycle.peers.first?.refused == [])
        let again = try fed.sync("de")
        #expect(again.peers.first.map { $0.added + $0.updated + $0.withdrawn } == 0)
        #expect(try fed.sql("bw", "SELECT count(*) FROM entry WHERE origin = 'mm'") == "5")

        // Every copy matches its origin's signed head, and verifies.
        for dir in ["bw", "de", "mt"] {
            let report = try fed.cli.succeed(["verify", "--dir", dir]).stdout
            #expect(report.contains("all verify"), "\(dir): \(report)")
        }
        #expect(fed.server("de")?.stop() == 0)
    }
}

@Suite("Trust that changes between syncs", .serialized, .timeLimit(.minutes(10)))
struct TrustChangeTests {
    @Test("entries refused for want of trust arrive once the node itself endorses their origin")
    func localEndorsementRepulls() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("relay")
        try fed.node("de", level: "national", region: "DE")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        try fed.serve("mm")
        try fed.pin("relay", "mm")
        #expect(try fed.sync("relay").peers.first?.added == 5)
        try fed.serve("relay")
        try fed.pin("de", "relay")
        let refused = try fed.sync("de")
        #expect(refused.peers.first?.refused.allSatisfy { $0.reason == .untrustedOrigin } == true)
        #expect(try fed.ids("de", origin: "mm").isEmpty)

        let key = try #require(try fed.cli.json(["key", "--dir", "mm"]) as? [String: String])
        try fed.endorse(
            "de", "mm", extra: ["--key", key["publicKey"] ?? "", "--region", "DE-BW", "--level", "cluster"])
        let again = try fed.sync("de")
        #expect(again.peers.first?.added == 5 && again.peers.first?.refused == [])
        #expect(try fed.ids("de", origin: "mm").count == 5)
    }
}

extension TrustChangeTests {
    @Test("endorsements a peer relays, dropped while their signer is unknown, count once the signer is trusted")
    func droppedEndorsementsRetried() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("bw", level: "agency")
        try fed.node("relay")
        try fed.node("de", level: "national", region: "DE")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        let mmKey = try #require(try fed.cli.json(["key", "--dir", "mm"]) as? [String: String])
        try fed.endorse(
            "bw", "mm", extra: ["--key", mmKey["publicKey"] ?? "", "--region", "DE-BW", "--level", "cluster"])
        try fed.serve("mm")
        try fed.serve("bw")
        try fed.pin("relay", "bw")
        try fed.pin("relay", "mm")
        #expect(try fed.sync("relay").ok)
        try fed.serve("relay")
        try fed.pin("de", "relay")
        // The relay offers bw's endorsement of mm; de does not know bw yet and drops it.
        _ = try fed.sync("de")
        #expect(try fed.ids("de", origin: "mm").isEmpty)

        let bwKey = try #require(try fed.cli.json(["key", "--dir", "bw"]) as? [String: String])
        try fed.endorse(
            "de", "bw", extra: ["--key", bwKey["publicKey"] ?? "", "--region", "DE-BW", "--level", "agency"])
        let again = try fed.sync("de")
        #expect(again.peers.first?.endorsements ?? 0 >= 1, "the relay's endorsements are fetched again")
        #expect(try fed.ids("de", origin: "mm").count == 5)
    }
}

@Suite("Key rotation across the federation", .serialized, .timeLimit(.minutes(10)))
struct KeyRotationTests {
    @Test("rotate, revoke the old key: the catalog was re-signed, a fresh node pulls everything verified")
    func rotate() throws {
        let fed = try Federation.relayChain()
        defer { fed.shutDown() }
        #expect(try fed.sync("de").peers.first?.added == 5)
        let oldKey = try #require(try fed.cli.json(["key", "--dir", "mm"]) as? [String: String])["publicKey"]
        // A node that pinned the key mm had before the rotation.
        try fed.node("pinner")
        try fed.pin("pinner", "mm")

        let rotated = try #require(try fed.cli.json(["key", "rotate", "--dir", "mm"]) as? [String: Any])
        #expect(rotated["fromSeq"] as? Int == 7)
        // Every entry was re-signed under the new key at seqs from 7 on, the head too.
        #expect(try fed.sql("mm", "SELECT min(seq) FROM entry") == "7")
        let newKey = try #require(try fed.cli.json(["key", "--dir", "mm"]) as? [String: String])["publicKey"]
        // The agency still relays mm's old-key versions: mm ignores its own envelopes, blaming nobody.
        try fed.pin("mm", "bw")
        let behind = try fed.sync("mm")
        #expect(behind.peers.first?.refused == [], "\(behind.peers.first?.refused ?? [])")
        try fed.cli.succeed([
            "entries", "add", "--dir", "mm", "--type", "offering", "--kind", "event", "--title",
            "Nach dem Schlüsselwechsel",
            "--topic", "medtech",
        ])
        let agency = try fed.sync("bw")
        #expect(agency.peers.first?.added == 1 && agency.peers.first?.updated == 5 && agency.peers.first?.refused == [])
        let national = try fed.sync("de")
        #expect(national.peers.first?.added == 1 && national.peers.first?.updated == 5)
        #expect(national.peers.first?.refused == [])
        #expect(try fed.ids("de", origin: "mm").contains("nach-dem-schluesselwechsel"))
        for dir in ["mm", "bw", "de"] {
            #expect(try fed.cli.succeed(["verify", "--dir", dir]).stdout.contains("all verify"), "\(dir)")
        }
        let info = try Shell.run(
            "curl",
            [
                "-sS", "--cacert", fed.cli.directory.file("mm/tls/cert.pem").path,
                "\(try #require(fed.server("mm")).url)/v1/node",
            ])
        #expect(info.stdout.components(separatedBy: "\"publicKey\"").count - 1 == 2)

        // The agency vouches for the new key and revokes the old one: nothing is stranded.
        try fed.endorse("bw", "mm", extra: ["--key", newKey ?? ""])
        try fed.endorse("bw", "mm", extra: ["--key", oldKey ?? "", "--revoke"])
        try fed.node("fresh", level: "national", region: "DE")
        try fed.pin("fresh", "bw")
        let fresh = try fed.sync("fresh")
        #expect(
            fresh.peers.first?.added == 6 && fresh.peers.first?.refused == [], "\(fresh.peers.first?.refused ?? [])")
        #expect(try fed.cli.succeed(["verify", "--dir", "fresh"]).stdout.contains("all verify"))
        let overview = try #require(try fed.cli.json(["overview", "--dir", "fresh"]) as? [String: Any])
        let rows = try #require(overview["freshness"] as? [[String: Any]])
        #expect(rows.first { $0["origin"] as? String == "mm" }?["status"] as? String == "ok", "\(rows)")

        // A thief with the retired key signs an entry far ahead; a relay serves it; it is refused.
        let retired = try #require(
            try FileManager.default.contentsOfDirectory(atPath: fed.cli.directory.file("mm/keys").path)
                .first { $0.hasPrefix("retired-") })
        let pem = try String(contentsOf: fed.cli.directory.file("mm/keys/\(retired)"), encoding: .utf8)
        let thief = try NodeSigningKey(origin: "mm", pem: pem)
        let forged = try SignedEntry.sign(
            .version(
                of: Fixtures.offering(id: "nach-dem-schluesselwechsel"), origin: "mm", seq: 5_000_000,
                updated: "2026-12-03T10:00:00Z"), with: thief)
        _ = try fed.sql(
            "bw",
            "UPDATE entry SET envelope = X'\(Hex.encode(forged.envelope.bytes))', seq = 5000000, "
                + "payload_hash = '\(forged.payloadHash)', receipt = (SELECT max(receipt) + 1000 FROM entry) "
                + "WHERE id = 'nach-dem-schluesselwechsel';")
        let attacked = try fed.sync("fresh")
        #expect(attacked.peers.first?.refused.map(\.reason) == [.badSignature])  // the old key is revoked there
        #expect(try fed.sql("fresh", "SELECT max(seq) FROM entry WHERE origin = 'mm'") != "5000000")
        // The node that pinned the old key follows the rotation the relay serves: the key is retired.
        try fed.pin("pinner", "bw")
        let pinner = try fed.sync("pinner", extra: ["--peer", "bw"])
        #expect(pinner.peers.first?.refused.map(\.reason) == [.retiredKey], "\(pinner.peers.first?.refused ?? [])")
        #expect(try fed.ids("pinner", origin: "mm").count == 5)  // the relay replaced the sixth
        #expect(try fed.sql("pinner", "SELECT max(seq) FROM entry WHERE origin = 'mm'") != "5000000")
    }
}
