import CatalogTestSupport
import Foundation
import Testing

@Suite("Network errors an operator can act on", .serialized, .timeLimit(.minutes(10)))
struct NetworkErrorTests {
    /// The libraries' own words, which must not reach the operator.
    static let libraryText = ["BoringSSL", "handshake.cc", "errno", "NIOSSL", "bind(descriptor", "handshakeFailed"]

    @Test("a certificate not trusted at peers add names the address and says to try --ca or --pin-cert")
    func untrustedCertificate() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("de", level: "national", region: "DE")
        let mm = try fed.serve("mm")
        for trust in [["--ca", "de/tls/cert.pem"], [], ["--pin-cert", "de/tls/cert.pem"]] {
            let line = try fed.cli.fail(["peers", "add", "--dir", "de", "--url", mm.url, "--yes"] + trust)
            #expect(line.hasPrefix("error: \(mm.url) presents a TLS certificate this node does not trust"), "\(line)")
            #expect(
                line.contains(
                    trust.isEmpty ? "--ca FILE" : trust[0] == "--ca" ? "--pin-cert" : "not the certificate pinned"),
                "\(line)")
            #expect(!line.contains("\n"), "one line: \(line)")
            for text in Self.libraryText { #expect(!line.contains(text), "\(line)") }
        }
        // The libraries' words go to the debug log.
        let debug = try fed.cli.run(
            ["peers", "add", "--dir", "de", "--url", mm.url, "--yes", "--ca", "de/tls/cert.pem"],
            environment: ["LOG_LEVEL": "debug"])
        #expect(debug.stderr.contains("CERTIFICATE_VERIFY_FAILED"), "\(debug.stderr)")
    }

    @Test("a peer that is not running is named, with its address, in sync's report")
    func peerNotAnswering() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("de", level: "national", region: "DE")
        let url = try fed.serve("mm").url
        try fed.pin("de", "mm")
        fed.stop("mm")
        let report = try #require(try fed.sync("de").peers.first)
        #expect(!report.ok)
        #expect(
            report.error == "nothing listens at peer mm at \(url) (connection refused): is the peer's clusternode "
                + "serve running, and is the port right?", "\(report.error ?? "")")
        let text = try fed.cli.run(["sync", "--dir", "de"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("mm: FAILED: nothing listens at peer mm at \(url)"), "\(text.stdout)")
        for word in Self.libraryText { #expect(!text.stdout.contains(word) && !text.stderr.contains(word), "\(text)") }
    }

    @Test("a busy port names the port and says what to do")
    func portInUse() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("mt")
        let port = try fed.serve("mm").port
        let line = try fed.cli.fail([
            "serve", "--dir", "mt", "--host", "127.0.0.1", "--port", String(port), "--no-sync",
        ])
        #expect(
            line == "error: port \(port) on 127.0.0.1 is in use by another program (another clusternode serve?): "
                + "stop it, or choose another port with --port (0 picks a free one)", "\(line)")
    }
}
