import CatalogCore
import CatalogStore
import CatalogSync
import CatalogTestSupport
import CatalogTrust
import CatalogWire
import Foundation
import Testing

/// A pinned peer under an attacker's control (`scripts/hostile-peer.py` serving what the test
/// prepared), against nodes that run as separate processes: what it can make a node store, believe
/// or serve.
@Suite("A hostile member is contained", .serialized, .timeLimit(.minutes(10)))
struct HostileMemberTests {
    /// Pins the hostile peer at `port` in `dir` under `name`, with `key`, at `level` and `region`.
    func pinHostile(
        _ fed: Federation, _ dir: String, port: Int, name: String, key: NodePublicKey, level: NodeLevel,
        region: String
    ) throws {
        #expect(port > 0)
        let file = PeerFile(
            name: name, displayName: "Hostile \(name)", url: "http://127.0.0.1:\(port)", level: level,
            region: region, key: key, tls: .system, pinnedAt: "2026-12-01T09:00:00Z")
        try Data(try file.yaml().utf8).write(to: fed.cli.directory.file("\(dir)/peers/\(name).yaml"))
    }

    /// A directory the hostile peer serves: its feed lines and trust statements.
    func served(_ fed: Federation, changes: [Data] = [], statements: [Data] = []) throws -> URL {
        let directory = fed.cli.directory.file("hostile-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func write(_ lines: [Data], _ name: String) throws {
            var data = Data()
            for line in lines { data.append(line + Data("\n".utf8)) }
            try data.write(to: directory.appendingPathComponent(name))
        }
        try write(changes, "changes.ndjson")
        try write(statements, "endorsements.ndjson")
        return directory
    }

    func endorsement(
        _ subject: String, key: NodePublicKey, by endorser: NodeSigningKey, level: String = "cluster",
        region: String = "DE-BW", revoked: Bool = false
    ) throws -> Data {
        try TrustStatements.endorsement(
            of: subject, key: key, by: endorser, level: level, region: region, issued: "2026-12-01T09:00:00Z",
            expires: "2027-12-01T09:00:00Z", revoked: revoked
        ).envelope.bytes
    }

    /// The size of a node's database as SQLite counts it (its pages, WAL included).
    func databaseBytes(_ fed: Federation, _ dir: String) throws -> Int {
        Int(try fed.sql(dir, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size();")) ?? -1
    }

    @Test("junk lines cannot fill the disk through the refusal log: short escaped excerpts, 1,000 rows per peer")
    func refusalLogIsBounded() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        // Lines of 20 KB whose payloadType starts with an escape sequence; 1,500 per pull.
        let hostile = try HostilePeer(mode: "junk", arguments: ["20000", "1500"])
        defer { hostile.stop() }
        try fed.node("de", level: "national", region: "DE")
        try pinHostile(
            fed, "de", port: hostile.port, name: "hostile", key: NodeSigningKey(origin: "hostile").publicKey,
            level: .cluster, region: "DE-BW")
        let before = try databaseBytes(fed, "de")
        for _ in 0..<2 {
            let report = try fed.sync("de", extra: ["--timeout", "60"])
            let peer = try #require(report.peers.first)
            #expect(peer.ok && peer.refusedCount == 1_500 && peer.envelopes == 1_500, "\(peer.error ?? "")")
        }
        let growth = try databaseBytes(fed, "de") - before
        print("refusal log: 3,000 junk lines of 20 KB (60 MB) grew the database by \(growth) bytes")
        #expect(growth < 2_000_000, "the database grew by \(growth) bytes")
        #expect(try fed.sql("de", "SELECT count(*) FROM refusal") == "1000")
        #expect(Int(try fed.sql("de", "SELECT max(length(detail)) FROM refusal")) ?? 999 <= Refusal.maxDetail)
        #expect(try fed.sql("de", "SELECT count(*) FROM refusal WHERE instr(detail, char(27)) > 0") == "0")
        #expect(try fed.sql("de", "SELECT sum(count) FROM refusal_count WHERE peer = 'hostile'") == "3000")
        // Counted against the peer, never against an origin.
        #expect(try fed.sql("de", "SELECT count(*) FROM refusal_count WHERE origin != ''") == "0")
    }

    @Test("a cluster's endorsements are refused at the door, counted, and neither stored nor relayed")
    func clusterCannotEndorse() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        let cluster = NodeSigningKey(origin: "cluster-x")
        let statements = try (0..<3_000).map { index in
            try endorsement(
                "subject-\(index)", key: NodeSigningKey(origin: "subject-\(index)").publicKey, by: cluster,
                level: "national", region: "DE")
        }
        let hostile = try HostilePeer(mode: "files", arguments: [try served(fed, statements: statements).path])
        defer { hostile.stop() }
        try fed.node("de", level: "national", region: "DE")
        try pinHostile(
            fed, "de", port: hostile.port, name: "cluster-x", key: cluster.publicKey, level: .cluster, region: "DE-BW")
        let report = try fed.sync("de")
        let peer = try #require(report.peers.first)
        #expect(peer.ok && peer.statementsRefused == 3_000 && peer.endorsements == 0, "\(peer.error ?? "")")
        #expect(try fed.sql("de", "SELECT count(*) FROM endorsement") == "0")
        #expect(try fed.sql("de", "SELECT sum(count) FROM refusal_count WHERE reason = 'not-entitled'") == "3000")
        // What the national node serves stays small, so the nodes below it keep syncing.
        let de = try fed.serve("de")
        let answer = try Shell.run(
            "curl", ["-sS", "--cacert", fed.cli.directory.file("de/tls/cert.pem").path, "\(de.url)/v1/endorsements"])
        #expect(answer.stdout == "{\"count\":0}\n")
        try fed.node("down")
        try fed.pin("down", "de")
        #expect(try fed.sync("down").ok)
    }

    @Test("an agency of another region cannot revoke, take over or rewrite a cluster the national node endorsed")
    func hijackByAnotherAgency() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("de", level: "national", region: "DE")
        try fed.node("bw", level: "agency")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("json"))
        try fed.serve("mm")
        try fed.pin("de", "mm")
        try fed.endorse("de", "mm")
        #expect(try fed.sync("de").peers.first?.added == 5)
        try fed.serve("de")
        try fed.pin("bw", "de")
        #expect(try fed.sync("bw").peers.first?.added == 5)

        // The Bavarian agency revokes mm's genuine key, endorses a key of its own for mm (once for
        // mm's region, once for its own), and serves a rewritten entry signed with that key.
        let bavaria = NodeSigningKey(origin: "by-agency")
        let fake = NodeSigningKey(origin: "mm")
        let genuine = try NodePublicKey(
            text: try #require(try fed.cli.json(["key", "--dir", "mm"]) as? [String: String])["publicKey"] ?? "")
        var entry = Fixtures.training()
        entry.id = "gmp-grundlagen-2027"
        entry.title = LocalizedText(["de": "HIJACKED"])
        let rewritten = try SignedEntry.sign(
            .version(of: entry, origin: "mm", seq: 1_000, updated: "2026-12-01T09:00:00Z"), with: fake)
        let statements = [
            try endorsement("mm", key: genuine, by: bavaria, revoked: true),
            try endorsement("mm", key: fake.publicKey, by: bavaria, region: "DE-BW"),
            try endorsement("mm", key: fake.publicKey, by: bavaria, region: "DE-BY"),
        ]
        let directory = try served(fed, changes: [rewritten.envelope.bytes], statements: statements)
        let hostile = try HostilePeer(mode: "files", arguments: [directory.path])
        defer { hostile.stop() }
        try pinHostile(
            fed, "bw", port: hostile.port, name: "by-agency", key: bavaria.publicKey, level: .agency, region: "DE-BY")

        let report = try fed.sync("bw")
        let peer = try #require(report.peers.first { $0.peer == "by-agency" })
        #expect(peer.ok, "\(peer.error ?? "")")
        #expect(peer.refused.map(\.reason) == [.badSignature], "\(peer.refused)")
        #expect(peer.statementsRefused == 1)  // the endorsement beyond Bavaria's region
        let shown = try #require(
            try fed.cli.json(["entries", "show", "--dir", "bw", "--origin", "mm", "gmp-grundlagen-2027"])
                as? [String: Any])
        #expect((shown["title"] as? [String: String])?["de"] != "HIJACKED")
        #expect(try fed.ids("bw", origin: "mm").count == 5)
        #expect(try fed.cli.succeed(["verify", "--dir", "bw"]).stdout.contains("all verify"))
        // The overview takes mm's standing from the national node, and blames the relay, not mm.
        let overview = try #require(try fed.cli.json(["overview", "--dir", "bw"]) as? [String: Any])
        let mm = try #require((overview["freshness"] as? [[String: Any]])?.first { $0["origin"] as? String == "mm" })
        #expect(mm["status"] as? String == "ok" && mm["region"] as? String == "DE-BW" && mm["refusals"] as? Int == 0)
        let byPeer = try #require(overview["refusalsByPeer"] as? [[String: Any]])
        #expect(byPeer.first { $0["key"] as? String == "by-agency" }?["count"] as? Int ?? 0 >= 2)
    }

    @Test("a 2,000-link endorsement chain from an agency is refused at the door, and the node stays quick")
    func endorsementChain() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        let links = (0...2_000).map { NodeSigningKey(origin: "agency-\($0)") }
        let chain = try (1...2_000).map { index in
            try endorsement("agency-\(index)", key: links[index].publicKey, by: links[index - 1], level: "agency")
        }
        let hostile = try HostilePeer(mode: "files", arguments: [try served(fed, statements: chain).path])
        defer { hostile.stop() }
        try fed.node("de", level: "national", region: "DE")
        try pinHostile(
            fed, "de", port: hostile.port, name: "agency-0", key: links[0].publicKey, level: .agency, region: "DE-BW")
        let report = try fed.sync("de", extra: ["--timeout", "60"])
        #expect(report.ok && report.peers.first?.statementsRefused == 2_000)
        #expect(try fed.sql("de", "SELECT count(*) FROM endorsement") == "0")
        #expect(try fed.cli.succeed(["search", "--dir", "de", "Medizintechnik"]).status == 0)
    }

    @Test("a peer description with control characters or an unknown region is refused at peers add, and not written")
    func peerDescriptionIsChecked() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("de", level: "national", region: "DE")
        let key = NodeSigningKey(origin: "liar").publicKey
        for (displayName, region, expected) in [
            ("Liar\u{1B}[2J\nfingerprint 0000 0000", "DE-BW", "display name"),
            ("Liar", "DE-BW\n  fingerprint 0000", "region"),
            (String(repeating: "L", count: 500), "DE-BW", "display name"),
        ] {
            let directory = try served(fed)
            let info = NodeInfo(
                name: "liar", displayName: displayName, level: "agency", region: region,
                keys: [.init(keyid: key.keyID(origin: "liar"), publicKey: key.text, fingerprint: key.fingerprint)],
                endorsements: 0)
            try JSONEncoder().encode(info).write(to: directory.appendingPathComponent("node.json"))
            let hostile = try HostilePeer(mode: "files", arguments: [directory.path])
            defer { hostile.stop() }
            let error = try fed.cli.fail([
                "peers", "add", "--dir", "de", "--url", "http://127.0.0.1:\(hostile.port)", "--yes",
            ])
            #expect(error.contains(expected) && !error.contains("\u{1B}") && !error.contains("\n"), "\(error)")
            #expect(!FileManager.default.fileExists(atPath: fed.cli.directory.file("de/peers/liar.yaml").path))
        }
    }
}
