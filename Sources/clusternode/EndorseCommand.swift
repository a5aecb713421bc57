import ArgumentParser
import CatalogCore
import CatalogNode
import CatalogTrust

struct EndorseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endorse",
        abstract: "Vouch for another node's key (agencies and the national node), or revoke that.",
        discussion: """
            Signs "origin NAME, key K, region R, level L, valid until T" with this node's key. Nodes that trust
            this node accept NAME's entries through any relay. The key, region and level default to those of
            the pinned peer NAME. The national node endorses agencies and clusters; an agency endorses the
            clusters of its own region; anything else is refused here, and by every peer. --revoke withdraws
            this node's endorsement of the key for good (e.g. a compromised key); other endorsers' stay.
            """)

    @OptionGroup var options: NodeOptions

    @Argument(help: "The origin name of the node to endorse.")
    var subject: String

    @Option(help: "Its key (ed25519:BASE64 or PEM). Default: from its peer file.")
    var key: String?

    @Option(help: "Its region. Default: from its peer file.")
    var region: String?

    @Option(help: "Its level: cluster, agency or national. Default: from its peer file.")
    var level: NodeLevel?

    @Option(help: "How many days the endorsement is valid.")
    var days = Node.defaultEndorsementDays

    @Flag(help: "Revoke the endorsement of this key instead.")
    var revoke = false

    func run() async throws {
        let node = try await options.openNode()
        let peer = try? PeerDirectory(node.directory).peer(named: subject)
        guard let keyText = key ?? peer?.key else {
            throw CatalogError(.invalidInput, "\(subject) is not a pinned peer; give its key with --key")
        }
        let publicKey = try NodePublicKey(text: keyText)
        let signed: SignedEndorsement
        if revoke {
            signed = try await node.revokeEndorsement(subject: subject, key: publicKey)
        } else {
            guard let region = region.map(Entry.canonicalRegion) ?? peer?.region, let level = level ?? peer?.level
            else {
                throw CatalogError(.invalidInput, "\(subject) is not a pinned peer; give --region and --level")
            }
            signed = try await node.endorse(
                subject: subject, key: publicKey, region: region, level: level, validDays: days)
        }
        if options.json {
            try Console.json(signed.endorsement)
        } else if revoke {
            Console.line("Revoked the endorsement of \(subject) (key \(publicKey.shortFingerprint)…)")
        } else {
            Console.line(
                "Endorsed \(subject) (\(signed.endorsement.level), \(signed.endorsement.region)), key \(publicKey.shortFingerprint)…, until \(signed.endorsement.expires)"
            )
        }
    }
}
