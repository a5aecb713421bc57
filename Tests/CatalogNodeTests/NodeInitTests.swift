import CatalogCore
import CatalogNode
import CatalogTestSupport
import Foundation
import Testing

@Suite("clusternode init", .timeLimit(.minutes(10)))
struct NodeInitTests {
    func mode(_ url: URL) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
    }

    @Test("init makes config, keys with private modes, a TLS certificate and the database")
    func layout() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        let directory = test.node.directory
        #expect(try mode(directory.signingKey) == 0o600)
        #expect(try mode(directory.tlsKey) == 0o600)
        #expect(try mode(directory.keysDirectory) == 0o700)
        // Everything in a data directory is private, the public key too (it is shown by `key`).
        #expect(try mode(directory.signingPublicKey) == 0o600)
        #expect(try mode(directory.root) == 0o700 && mode(directory.database) == 0o600)
        #expect(FileManager.default.fileExists(atPath: directory.database.path))
        #expect(FileManager.default.fileExists(atPath: directory.peersDirectory.path))
        let publicPEM = try String(contentsOf: directory.signingPublicKey, encoding: .utf8)
        #expect(try NodePublicKey(text: publicPEM) == test.node.publicKey)
        #expect(try NodeConfig.load(from: directory.config) == test.node.config)
        let config = try String(contentsOf: directory.config, encoding: .utf8)
        #expect(config.contains("# ") && config.contains("headValidityDays: 30"))
        let head = try #require(try await test.node.store.head(origin: "medicalmountains"))
        #expect(head.seq == 0 && head.live == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: test.directory.path)
        #expect(leftovers == ["node"])
    }

    @Test("the TLS certificate is a CA:TRUE certificate for the hosts, 127.0.0.1 and ::1, as openssl reads it")
    func certificate() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        let text = try Shell.run(
            "openssl", ["x509", "-in", test.node.directory.tlsCertificate.path, "-noout", "-text"]
        ).stdout
        #expect(text.contains("CA:TRUE"))
        #expect(text.contains("Certificate Sign"))
        #expect(text.contains("DNS:localhost"))
        #expect(text.contains("IP Address:127.0.0.1"))
        #expect(text.contains("IP Address:0:0:0:0:0:0:0:1"))
        #expect(text.contains("TLS Web Server Authentication"))
        let check = try Shell.run(
            "openssl",
            ["verify", "-CAfile", test.node.directory.tlsCertificate.path, test.node.directory.tlsCertificate.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let keyMatches = try Shell.run(
            "openssl", ["x509", "-in", test.node.directory.tlsCertificate.path, "-noout", "-pubkey"]
        ).stdout
        let fromKey = try Shell.run("openssl", ["pkey", "-in", test.node.directory.tlsKey.path, "-pubout"]).stdout
        #expect(keyMatches == fromKey)
    }

    @Test("init refuses to overwrite a node, or to fill a directory that holds other files")
    func refusals() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        let config = test.node.config
        await #expect(throws: CatalogError.self) {
            try await NodeInitializer.initialize(test.node.directory, config: config)
        }
        let keyBefore = try Data(contentsOf: test.node.directory.signingKey)
        #expect(try Data(contentsOf: test.node.directory.signingKey) == keyBefore)

        let busy = test.directory.file("busy")
        try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: busy.appendingPathComponent("notes.txt"))
        await #expect(throws: CatalogError.self) {
            try await NodeInitializer.initialize(DataDirectory(root: busy), config: config)
        }
        #expect(!FileManager.default.fileExists(atPath: busy.appendingPathComponent("config.yaml").path))
    }

    @Test(
        "init refuses invalid names and regions with a reason naming them",
        arguments: [
            (NodeConfig(name: "Medical Mountains", displayName: "M", level: .cluster, region: "DE-BW"), "name"),
            (NodeConfig(name: "1cluster", displayName: "M", level: .cluster, region: "DE-BW"), "name"),
            (NodeConfig(name: "mm", displayName: "M", level: .cluster, region: "BW"), "region"),
            (NodeConfig(name: "mm", displayName: " ", level: .cluster, region: "DE-BW"), "display name"),
            (NodeConfig(name: "mm", displayName: "M", level: .cluster, region: "DE-BW", hosts: ["bad host"]), "host"),
        ])
    func invalidConfig(config: NodeConfig, field: String) async throws {
        let directory = try TemporaryDirectory("init")
        defer { directory.remove() }
        let target = DataDirectory(root: directory.file("node"))
        do {
            try await NodeInitializer.initialize(target, config: config)
            Issue.record("init accepted \(config)")
        } catch let error as CatalogError {
            #expect(error.message.contains(field), "\(error.message)")
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test("a node whose private key others can read refuses to open")
    func keyMode() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o644], ofItemAtPath: test.node.directory.signingKey.path)
        await #expect(throws: CatalogError.self) { try await Node.open(test.node.directory) }
    }
}
