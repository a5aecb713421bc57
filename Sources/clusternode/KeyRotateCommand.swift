import ArgumentParser
import CatalogNode

struct KeyRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Make a new signing key; peers that trust the old key accept entries under the new one.",
        discussion: """
            Signs, with the old and the new key, the statement that the old key is retired from the next seq F on
            and the new key valid from F; re-signs the whole catalog (entries, tombstones, members-only entries)
            and the head under the new key at seqs from F, and this node's own endorsements; all in one
            transaction. Peers fetch the statement with the endorsements, accept the new key wherever they trusted
            the old one, and refuse anything newer signed with the old key. Ask your agency to endorse the new key
            (clusternode endorse NAME --key NEWKEY); it may then revoke the old one without stranding anything.
            The old private key is kept as keys/retired-*.key. Restart a running serve afterwards: it refuses to sign
            with the retired key.
            """)

    @OptionGroup var options: NodeOptions

    func run() async throws {
        let node = try await options.openNode()
        let old = node.publicKey
        let (rotated, rotation) = try await node.rotateKey()
        if options.json {
            try Console.json(rotation.rotation)
        } else {
            Console.line(
                "Rotated the signing key of \(rotated.origin) from seq \(rotation.rotation.fromSeq) on; "
                    + "the catalog is re-signed under the new key")
            Console.line("  old key      \(old.text)")
            Console.line("  new key      \(rotated.publicKey.text)")
            Console.line("  fingerprint  \(rotated.publicKey.fingerprint)")
            Console.line("  short        \(rotated.publicKey.displayFingerprint)")
        }
    }
}
