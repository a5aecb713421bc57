import CatalogCore
import CatalogSync
import CatalogTestSupport
import Foundation
import Testing

@Suite("Pinning peers and serving", .serialized, .timeLimit(.minutes(10)))
struct PeersAndServeTests {
    @Test("peers add pins only the expected key, never without confirmation, and lists and removes peers")
    func pinning() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("bw", level: "agency")
        let mm = try fed.serve("mm")
        let ca = "mm/tls/cert.pem"

        let unconfirmed = try fed.cli.fail(["peers", "add", "--dir", "bw", "--url", mm.url, "--ca", ca])
        #expect(unconfirmed.contains("not pinned"))
        let wrongKey = try fed.cli.fail([
            "peers", "add", "--dir", "bw", "--url", mm.url, "--ca", ca, "--expect-key",
            NodeSigningKey(origin: "mm").publicKey.text,
        ])
        #expect(wrongKey.contains("not the expected one"))
        #expect((try fed.cli.json(["peers", "list", "--dir", "bw"]) as? [Any])?.isEmpty == true)

        let key = try #require(try fed.cli.json(["key", "--dir", "mm"]) as? [String: String])
        let fingerprint = try #require(key["fingerprint"])
        try fed.cli.succeed([
            "peers", "add", "--dir", "bw", "--url", mm.url, "--ca", ca, "--expect-key", String(fingerprint.prefix(24)),
        ])
        let file = try String(contentsOf: fed.cli.directory.file("bw/peers/mm.yaml"), encoding: .utf8)
        #expect(file.contains("key: ed25519:") && file.contains("ca: mm.ca.pem") && file.contains("level: cluster"))
        #expect(FileManager.default.fileExists(atPath: fed.cli.directory.file("bw/peers/mm.ca.pem").path))
        #expect(
            try fed.cli.fail(["peers", "add", "--dir", "bw", "--url", mm.url, "--ca", ca, "--yes"]).contains(
                "pinned already"))

        let listed = try #require(try fed.cli.json(["peers", "list", "--dir", "bw"]) as? [[String: Any]])
        #expect((listed.first?["peer"] as? [String: Any])?["name"] as? String == "mm")
        try fed.cli.succeed(["peers", "remove", "--dir", "bw", "mm"])
        #expect(!FileManager.default.fileExists(atPath: fed.cli.directory.file("bw/peers/mm.yaml").path))
        #expect(try fed.cli.fail(["peers", "remove", "--dir", "bw", "mm"]).contains("no peer 'mm'"))
    }

    @Test("a pinned certificate is trusted whatever name the peer is reached by; a wrong CA is refused")
    func certificateTrust() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("bw", level: "agency")
        try fed.node("other")
        let mm = try fed.serve("mm")
        // localhost is in the certificate, but the pin does not depend on names at all.
        try fed.cli.succeed([
            "peers", "add", "--dir", "bw", "--url", "https://localhost:\(mm.port)", "--pin-cert", "mm/tls/cert.pem",
            "--yes",
        ])
        #expect(try fed.sync("bw").ok)
        let wrongCA = try fed.cli.fail([
            "peers", "add", "--dir", "other", "--url", mm.url, "--ca", "bw/tls/cert.pem", "--yes",
        ])
        #expect(wrongCA.contains("does not trust") && wrongCA.contains("--pin-cert"), "\(wrongCA)")
        let plainRemote = try fed.cli.fail([
            "peers", "add", "--dir", "other", "--url", "http://example.org:8080", "--yes",
        ])
        #expect(plainRemote.contains("loopback address only"))
    }

    @Test("serve refuses plain HTTP off loopback, serves plain HTTP on loopback, and stops cleanly on SIGTERM")
    func transports() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        let refused = try fed.cli.fail(["serve", "--dir", "mm", "--plain-http", "--host", "0.0.0.0", "--port", "0"])
        #expect(refused.contains("loopback"))
        let plain = try ServingNode(cli: fed.cli, directory: "mm", arguments: ["--plain-http", "--no-sync"])
        let health = try Shell.run("curl", ["-sS", "--fail", "http://127.0.0.1:\(plain.port)/healthz"])
        #expect(health.status == 0 && health.stdout.contains(#""status":"ok""#))
        #expect(plain.stop() == 0)

        // A certificate from elsewhere: here, another node's.
        try fed.node("bw", level: "agency")
        let custom = try ServingNode(
            cli: fed.cli, directory: "mm",
            arguments: ["--no-sync", "--tls-cert", "bw/tls/cert.pem", "--tls-key", "bw/tls/key.pem"])
        defer { custom.stop() }
        let trusted = try Shell.run(
            "curl",
            [
                "-sS", "--fail", "--cacert", fed.cli.directory.file("bw/tls/cert.pem").path,
                "https://127.0.0.1:\(custom.port)/healthz",
            ])
        #expect(trusted.status == 0)
        let untrusted = try Shell.run(
            "curl",
            [
                "-sS", "--cacert", fed.cli.directory.file("mm/tls/cert.pem").path,
                "https://127.0.0.1:\(custom.port)/healthz",
            ])
        #expect(untrusted.status != 0)
    }

    @Test("a serving node pulls from its peers on its own, on the configured interval")
    func periodicSync() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("bw", level: "agency")
        try fed.serve("mm")
        try fed.pin("bw", "mm")
        let config = fed.cli.directory.file("bw/config.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
            .replacingOccurrences(of: "syncIntervalSeconds: 300", with: "syncIntervalSeconds: 1")
        try Data(text.utf8).write(to: config)
        let bw = try ServingNode(cli: fed.cli, directory: "bw", arguments: [])
        defer { bw.stop() }

        try fed.cli.succeed([
            "entries", "add", "--dir", "mm", "--type", "offering", "--kind", "event", "--title", "Forum", "--topic",
            "medtech",
        ])
        let deadline = Date().addingTimeInterval(30)
        var ids: [String] = []
        while Date() < deadline {
            ids = try fed.ids("bw", origin: "mm")
            if !ids.isEmpty { break }
            usleep(200_000)
        }
        #expect(ids == ["forum"])
    }

    @Test("failing peers are retried with a growing delay, capped at an hour")
    func backoff() {
        let interval: Duration = .seconds(300)
        #expect(SyncService.backoff(afterFailures: 1, interval: interval) == .seconds(30))
        #expect(SyncService.backoff(afterFailures: 2, interval: interval) == .seconds(60))
        #expect(SyncService.backoff(afterFailures: 5, interval: interval) == .seconds(480))
        #expect(SyncService.backoff(afterFailures: 40, interval: interval) == .seconds(3600))
        #expect(SyncService.backoff(afterFailures: 1, interval: .seconds(5)) == .seconds(5))
    }
}

@Suite("Slow clients", .serialized, .timeLimit(.minutes(10)))
struct SlowClientTests {
    @Test("a client that sends a byte at a time is cut off, others are served meanwhile, oversized headers are refused")
    func slowClientCutOff() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        let server = try ServingNode(
            cli: fed.cli, directory: "mm", arguments: ["--no-sync", "--plain-http", "--idle-timeout", "2"])
        defer { server.stop() }
        let script = """
            import socket, sys, time
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            start = time.time()
            try:
                for c in b"GET /healthz HTTP/1.1\\r\\nHost: x\\r\\n":
                    s.send(bytes([c]))
                    time.sleep(0.5)
                print("not cut off")
            except OSError:
                print("cut off after", round(time.time() - start))
            """
        let slow = try Shell.run("python3", ["-c", script, String(server.port)])
        #expect(slow.stdout.hasPrefix("cut off after"), "\(slow.stdout) \(slow.stderr)")
        let healthy = try Shell.run("curl", ["-sS", "--max-time", "5", "http://127.0.0.1:\(server.port)/healthz"])
        #expect(healthy.status == 0 && healthy.stdout.contains("ok"))
        let huge = """
            import socket, sys
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            s.settimeout(10)
            s.sendall(b"GET /healthz HTTP/1.1\\r\\nHost: x\\r\\nX-Big: " + b"a" * 2000000 + b"\\r\\n\\r\\n")
            print(s.recv(40).split(b"\\r\\n")[0].decode())
            """
        let headers = try Shell.run("python3", ["-c", huge, String(server.port)])
        #expect(headers.stdout.hasPrefix("HTTP/1.1 400"), "\(headers.stdout) \(headers.stderr)")
    }
}
