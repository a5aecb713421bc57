import ArgumentParser
import CatalogNode
import CatalogTrust

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-check every stored envelope and head against the keys the node trusts.",
        discussion: """
            Reads each stored envelope again, verifies its Ed25519 signature, checks that it matches what
            the database says about it, and checks the node's own head against its catalog. Exits 1 when
            anything fails.
            """)

    @OptionGroup var options: NodeOptions

    func run() async throws {
        let node = try await options.openNode()
        let trust = try await NodeTrust.current(node)
        let report = try await CatalogVerifier(store: node.store, trustedKeys: { trust.keys(for: $0, seq: $1) })
            .verify()
        if options.json {
            try Console.json(report)
        } else {
            for failure in report.failures {
                Console.line("FAILED \(failure.origin)\(failure.id.map { "/\($0)" } ?? " head"): \(failure.reason)")
            }
            let verdict = report.isClean ? "all verify" : "\(report.failures.count) failed"
            Console.line("Checked \(report.entriesChecked) envelopes and \(report.headsChecked) heads: \(verdict)")
        }
        if !report.isClean { throw ExitCode.failure }
    }
}
