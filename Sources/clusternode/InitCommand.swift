import ArgumentParser
import CatalogCore
import CatalogNode
import Foundation

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a node: its config, signing key, TLS certificate and database.",
        discussion: """
            Makes the data directory (it must not exist or be empty): config.yaml, an Ed25519 key pair in
            keys/ (the private key with mode 0600), a TLS certificate for --host names plus 127.0.0.1 and
            ::1 in tls/ (peers trust it with --ca DIR/tls/cert.pem), the database and peers/.
            """)

    @OptionGroup var options: NodeOptions

    @Option(help: "The node's origin name, a slug such as medicalmountains. It names the node in every signature.")
    var name: String

    @Option(help: "The name people see, e.g. \"MedicalMountains\".")
    var displayName: String

    @Option(help: "cluster, agency or national.")
    var level: NodeLevel

    @Option(help: "ISO 3166-2 code of the node's state (DE-BW, DE-BY, ...), or DE for the national node.")
    var region: String

    @Option(name: .customLong("host"), help: "A host name for the TLS certificate (repeatable).")
    var hosts: [String] = []

    func run() async throws {
        let config = NodeConfig(
            name: name, displayName: displayName, level: level,
            region: Entry.canonicalRegion(region), hosts: hosts)
        let directory = options.directory
        try await NodeInitializer.initialize(directory, config: config)
        let node = try await Node.open(directory)
        let report = InitReport(
            directory: directory.path, name: config.name, level: config.level.rawValue,
            region: config.region, keyID: node.keyID, publicKey: node.publicKey.text,
            fingerprint: node.publicKey.fingerprint, tlsCertificate: directory.tlsCertificate.path)
        if options.json {
            try Console.json(report)
        } else {
            Console.line(
                "Created node '\(config.name)' (\(config.level.rawValue), \(config.region)) in \(directory.path)")
            Console.line("  signing key  \(node.keyID)")
            Console.line("  fingerprint  \(node.publicKey.fingerprint)")
            Console.line(
                "  short        \(node.publicKey.displayFingerprint)  (tell your peers; they pass it to --expect-key)")
            Console.line("  TLS cert     \(directory.tlsCertificate.path)  (peers pass this to --ca)")
        }
    }

    struct InitReport: Encodable {
        let directory, name, level, region, keyID, publicKey, fingerprint, tlsCertificate: String
    }
}

extension NodeLevel: ExpressibleByArgument {}
