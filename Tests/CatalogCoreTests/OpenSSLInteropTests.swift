import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// OpenSSL is an independent Ed25519 implementation: if it accepts our signatures with our PEM key,
/// so can any other DSSE or Ed25519 tool.
@Suite("Signatures checked by OpenSSL", .timeLimit(.minutes(10)))
struct OpenSSLInteropTests {
    @Test("openssl verifies an envelope's signature with the node's PEM key, and refuses a tampered one")
    func opensslVerifies() throws {
        let key = NodeSigningKey(origin: "medicalmountains")
        let entry = try SignedEntry.sign(
            .version(of: Fixtures.training(), origin: "medicalmountains", seq: 1, updated: "2026-11-29T09:12:00Z"),
            with: key)
        let directory = try TemporaryDirectory("openssl")
        defer { directory.remove() }
        let publicKey = try directory.write("node.pub", key.publicKey.pem)
        let message = directory.file("message.bin")
        try entry.envelope.signedMessage.write(to: message)
        let signature = directory.file("sig.bin")
        try entry.envelope.signatures[0].sig.write(to: signature)

        let verify = [
            "pkeyutl", "-verify", "-pubin", "-inkey", publicKey.path, "-rawin", "-in", message.path, "-sigfile",
            signature.path,
        ]
        let good = try Shell.run("openssl", verify)
        #expect(good.status == 0, "openssl: \(good.stdout) \(good.stderr)")
        #expect(good.stdout.contains("Signature Verified Successfully"))

        var tampered = entry.envelope.signedMessage
        tampered[tampered.count - 3] ^= 0x20
        try tampered.write(to: message)
        let bad = try Shell.run("openssl", verify)
        #expect(bad.status != 0)
    }

    @Test("a signature made by openssl verifies in our code")
    func opensslSigns() throws {
        let directory = try TemporaryDirectory("openssl")
        defer { directory.remove() }
        let privateKey = directory.file("key.pem")
        #expect(try Shell.run("openssl", ["genpkey", "-algorithm", "ed25519", "-out", privateKey.path]).status == 0)
        let publicPEM = try Shell.run("openssl", ["pkey", "-in", privateKey.path, "-pubout"]).stdout
        let message = PAE.encode(payloadType: PayloadType.entry, payload: Data(#"{"hello":"world"}"#.utf8))
        let messageFile = directory.file("message.bin")
        try message.write(to: messageFile)
        let signatureFile = directory.file("sig.bin")
        let sign = try Shell.run(
            "openssl",
            [
                "pkeyutl", "-sign", "-inkey", privateKey.path, "-rawin", "-in", messageFile.path, "-out",
                signatureFile.path,
            ])
        #expect(sign.status == 0, "\(sign.stderr)")
        let publicKey = try NodePublicKey(text: publicPEM)
        #expect(publicKey.isValidSignature(try Data(contentsOf: signatureFile), for: message))
    }
}
