import ArgumentParser
import CatalogNode

struct KeyRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Make a new signing key; peers that trust the old key accept entries under the new one.",
        discussion: """
            Signs, with the old and the new key, the statement that the node signs with the new key from its
            next seq on; peers fetch it with the endorsements and then accept the new key wherever they trust the
            old one. Ask your agency to endorse the new key too (clusternode endorse NAME --key NEWKEY), so that it
            stays trusted if the old key is ever revoked. The old private key is kept as keys/retired-*.key.
            """)

    @OptionGroup var options: NodeOptions

    func run() async throws {
        try await CommandErrors.report {
            let node = try await options.openNode()
            let old = node.publicKey
            let (rotated, rotation) = try await node.rotateKey()
            if options.json {
                try Console.json(rotation.rotation)
            } else {
                Console.line("Rotated the signing key of \(rotated.origin) from seq \(rotation.rotation.fromSeq) on")
                Console.line("  old key      \(old.text)")
                Console.line("  new key      \(rotated.publicKey.text)")
                Console.line("  fingerprint  \(rotated.publicKey.displayFingerprint)")
            }
        }
    }
}
