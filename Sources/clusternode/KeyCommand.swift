import ArgumentParser
import CatalogNode

struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Show the node's public key, or rotate to a new one.",
        subcommands: [KeyShowCommand.self, KeyRotateCommand.self],
        defaultSubcommand: KeyShowCommand.self)
}

struct KeyShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the node's public signing key (never the private one).",
        discussion: "With --pem, print the key as SPKI PEM, which OpenSSL and other Ed25519 tools read.")

    @OptionGroup var options: NodeOptions

    @Flag(help: "Print the public key as PEM only.")
    var pem = false

    func run() async throws {
        let node = try await options.openNode()
        let key = node.publicKey
        if pem {
            Console.raw(.init(key.pem.utf8))
            if !key.pem.hasSuffix("\n") { Console.line() }
        } else if options.json {
            try Console.json(
                ["origin": node.origin, "keyID": node.keyID, "publicKey": key.text, "fingerprint": key.fingerprint])
        } else {
            Console.line("origin       \(node.origin)")
            Console.line("key id       \(node.keyID)")
            Console.line("public key   \(key.text)")
            Console.line("fingerprint  \(key.fingerprint)")
            Console.line("short        \(key.displayFingerprint)  (the fingerprint's start, as in the key id)")
        }
    }
}
