import CatalogTestSupport
import Foundation
import Testing

/// Serving nodes that pull through held requests: a change travels cluster → agency → national
/// as soon as each stores it, not one sync interval (five minutes here) per tier.
@Suite("Changes travel through held requests", .serialized, .timeLimit(.minutes(5)))
struct WaitingFeedCLITests {
    /// Polls `condition` every 200 ms for up to `seconds`.
    func eventually(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(200_000)
        }
        return try condition()
    }

    @Test(
        "an entry added at the cluster reaches the national node through its agency, and a read replica of it, well within one interval; serves stop at once while they hold requests"
    )
    func propagation() throws {
        let fed = try Federation.relayChain()
        defer { fed.shutDown() }
        // bw serves again, on the port de pinned, pulling from mm as it serves.
        let port = try #require(fed.server("bw")?.port)
        fed.stop("bw")
        try fed.serve("bw", port: port, sync: true)
        try fed.serve("de", sync: true)
        // A read replica (README: "Read replicas") pins the national node and follows it; it
        // trusts mm through the chain de → bw → mm, so de endorses its agency.
        try fed.endorse("de", "bw")
        try fed.node("replica", region: "DE")
        try fed.pin("replica", "de")
        try fed.serve("replica", sync: true)
        // The serves pull once as they start.
        #expect(try eventually(60) { try fed.ids("replica", origin: "mm").count == 5 })
        try fed.cli.succeed([
            "entries", "add", "--dir", "mm", "--type", "offering", "--kind", "event", "--title", "Sofort überall",
            "--topic", "medtech",
        ])
        // The interval is 300 s: only held requests bring it here in time.
        #expect(try eventually(60) { try fed.ids("de", origin: "mm").contains("sofort-ueberall") })
        #expect(try fed.ids("bw", origin: "mm").contains("sofort-ueberall"))
        #expect(try eventually(60) { try fed.ids("replica", origin: "mm").contains("sofort-ueberall") })
        // mm holds bw's request, bw holds de's and de the replica's: each stops gracefully, at once.
        for dir in ["mm", "bw", "de", "replica"] {
            #expect(fed.server(dir)?.stop() == 0, "\(dir)")
        }
    }
}
