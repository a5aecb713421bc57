import AsyncHTTPClient
import CatalogCore
import CatalogNode
import CatalogReports
import CatalogSearch
import CatalogStore
import CatalogSync
import CatalogTrust
import Foundation
import Logging

/// The demo's steps once every node serves: pin, endorse, sync, and show what happened.
struct DemoSteps {
    let plan: FederationPlan
    let nodes: [String: Node]
    let ports: [String: Int]
    let http: HTTPClient
    let logger: Logger

    var national: Node {
        get throws {
            guard let name = plan.nodes.first(where: { $0.level == .national })?.name, let node = nodes[name] else {
                throw CatalogError(.configuration, "the plan has no national node")
            }
            return node
        }
    }

    func url(_ name: String) -> String { "https://127.0.0.1:\(ports[name] ?? 0)" }

    func run() async throws {
        try await pinAndEndorse()
        let verified = try await syncUntilConverged()
        try await printEntriesPerNode(verified: verified)
        try await printSearches()
        try await printOverview()
        try await tamper()
    }

    /// Pins peers as a user would: fetch `/v1/node` over HTTPS, trusting the peer's certificate, and
    /// pin the key it presents after checking it is the one the plan's node has.
    private func pinAndEndorse() async throws {
        Console.line("\n2. Pinning peers over HTTPS and endorsing, as peers/example-federation.yaml says")
        for nodePlan in plan.nodes {
            guard let node = nodes[nodePlan.name] else { continue }
            for peerName in nodePlan.pulls {
                try await pin(peerName, at: node)
            }
            for subject in nodePlan.endorses {
                guard let other = nodes[subject], let subjectPlan = plan.nodes.first(where: { $0.name == subject })
                else { continue }
                _ = try await node.endorse(
                    subject: subject, key: other.publicKey, region: subjectPlan.region, level: subjectPlan.level)
            }
            var what: [String] = []
            if !nodePlan.pulls.isEmpty { what.append("pulls from \(nodePlan.pulls.joined(separator: ", "))") }
            if !nodePlan.endorses.isEmpty { what.append("endorses \(nodePlan.endorses.joined(separator: ", "))") }
            if !what.isEmpty { Console.line("   \(nodePlan.name) \(what.joined(separator: "; "))") }
        }
    }

    private func pin(_ peerName: String, at node: Node) async throws {
        guard let peer = nodes[peerName] else { return }
        let certificate = peer.directory.tlsCertificate
        let info = try await PeerClient(http: http, url: url(peerName), trust: .ca(path: certificate.path)).nodeInfo()
        let key = try NodePublicKey(text: info.keys.first?.publicKey ?? "")
        guard key == peer.publicKey, let level = NodeLevel(rawValue: info.level) else {
            throw CatalogError(.conflict, "\(peerName) presented an unexpected key")
        }
        let file = PeerFile(
            name: info.name, displayName: info.displayName, url: url(peerName), level: level, region: info.region,
            key: key,
            tls: .ca(file: "\(peerName).ca.pem"), pinnedAt: Timestamp.format(Date()))
        try PeerDirectory(node.directory).save(
            file, certificatePEM: try String(contentsOf: certificate, encoding: .utf8), replace: true)
    }

    /// Every node pulls from its peers, round after round, until the national node holds every
    /// federated entry of every other node and each copy matches its origin's signed head.
    private func syncUntilConverged() async throws -> Int {
        Console.line("\n3. Syncing until the national node has converged")
        let national = try self.national
        let expected = try await expectedAtNational()
        var verified = 0
        for round in 1...8 {
            var added = 0
            var refused = 0
            var envelopes = 0
            for nodePlan in plan.nodes where !nodePlan.pulls.isEmpty {
                guard let node = nodes[nodePlan.name] else { continue }
                let report = try await SyncRunner(node: node, http: http, logger: logger).sync()
                for peer in report.peers {
                    if let error = peer.error { Console.line("   \(nodePlan.name) ← \(peer.peer): FAILED \(error)") }
                    added += peer.added + peer.updated
                    refused += peer.refused.count
                    envelopes += peer.envelopes
                }
            }
            verified += envelopes
            let held = try await heldFederated(at: national)
            let complete = try await national.store.completeness().allSatisfy(\.complete)
            Console.line(
                "   round \(round): \(envelopes) envelopes received and verified, \(added) stored, \(refused) refused; "
                    + "national holds \(held) of \(expected)")
            if held == expected && complete {
                Console.line("   converged: every copy at \(national.origin) matches its origin's signed head")
                return verified
            }
        }
        throw CatalogError(.conflict, "the national node did not converge")
    }

    /// The federated entries of every node but the national one: what the national node should hold.
    private func expectedAtNational() async throws -> Int {
        var count = 0
        for (name, node) in nodes where name != DemoRunner.mallory && node.config.level != .national {
            count += try await node.store.entries(origin: name).filter { $0.visibility == .federated }.count
        }
        return count
    }

    private func heldFederated(at node: Node) async throws -> Int {
        try await node.store.origins().filter { !$0.isSelf }.reduce(0) { $0 + $1.live }
    }

    private func printEntriesPerNode(verified: Int) async throws {
        Console.line("\n4. Entries per node (\(verified) envelope signatures checked on arrival)")
        var table = TextTable(columns: ["NODE", "LEVEL", "OWN", "RECEIVED", "ORIGINS", "REFUSED"])
        for nodePlan in plan.nodes {
            guard let node = nodes[nodePlan.name] else { continue }
            let origins = try await node.store.origins()
            let own = origins.first(where: \.isSelf)?.live ?? 0
            let received = origins.filter { !$0.isSelf }.reduce(0) { $0 + $1.live }
            let refused = try await node.store.refusalCounts().values.reduce(0, +)
            table.add([
                nodePlan.name, nodePlan.level.rawValue, String(own), String(received), String(origins.count),
                String(refused),
            ])
        }
        Console.line(indent(table.render(maxWidth: 96, flexible: [0])))
    }

    private func printSearches() async throws {
        let national = try self.national
        Console.line("\n5. Searches at \(national.origin), across every catalog it received")
        for text in ["Medizintechnik Weiterbildung", "Laser Sicherheit", "Fördermittel Beratung", "Muenchen"] {
            let response = try await Searcher(node: national).search(
                SearchQuery(text: text, limit: 3, includeLocal: true))
            Console.line("   \"\(text)\": \(response.total) found")
            for hit in response.hits {
                Console.line(
                    "     \(hit.entry.title.preferred() ?? hit.id)  [\(hit.origin)/\(hit.id)\(hit.verified ? ", verified" : "")]"
                )
            }
        }
    }

    private func printOverview() async throws {
        let report = try await OverviewBuilder.build(node: try national)
        Console.line("\n6. The national overview (clusternode overview)")
        Console.line(indent(OverviewText.render(report, only: .region)))
        Console.line(indent(OverviewText.render(report, only: .level)))
        Console.line(indent(OverviewText.freshness(report.freshness)))
    }

    /// A relay alters the price in one of a cluster's entries and passes it on; the national node
    /// refuses it, because the cluster's signature no longer matches, and keeps what was signed.
    private func tamper() async throws {
        let national = try self.national
        guard let mallory = nodes[DemoRunner.mallory],
            let victim = plan.nodes.first(where: { $0.level == .cluster && nodes[$0.name] != nil })?.name,
            let original = try await national.store.entries(origin: victim).first,
            let originalEntry = try original.signedEntry().entry
        else { return }
        Console.line("\n7. A tampering attempt")
        let forged = try Self.altered(original.envelope)
        let forgedEntry = try SignedEntry(bytes: forged)
        // A node serves only origins it trusts: the relay pins the cluster, as one it pulls from would.
        try await pin(victim, at: mallory)
        _ = try await mallory.store.applyReceived([.entry(forgedEntry)], refusals: [], peer: "demo", cursor: 0)
        Console.line(
            "   \(mallory.origin), a relay the national node pins, serves \(victim)/\(original.id) with its title changed to "
                + "\"\(forgedEntry.entry?.title.preferred() ?? "")\"")
        try await pin(mallory.origin, at: national)
        let report = try await SyncRunner(node: national, http: http, logger: logger).sync(only: [mallory.origin])
        for refusal in report.peers.flatMap(\.refused) {
            Console.line("   \(national.origin) refused it: \(refusal)")
        }
        let kept = try await national.store.entry(origin: victim, id: original.id)?.signedEntry().entry
        Console.line(
            "   \(national.origin) keeps the entry as \(victim) signed it: \"\(kept?.title.preferred() ?? "")\""
                + (kept == originalEntry ? " (unchanged)" : " (CHANGED!)"))
        try PeerDirectory(national.directory).remove(mallory.origin)
    }

    /// The envelope with its payload's title changed and the signature left as it was.
    static func altered(_ envelope: Data) throws -> Data {
        guard var object = try JSONSerialization.jsonObject(with: envelope) as? [String: Any],
            let payloadText = object["payload"] as? String, let payload = Data(base64Encoded: payloadText),
            var decoded = try JSONSerialization.jsonObject(with: payload) as? [String: Any],
            var entry = decoded["entry"] as? [String: Any]
        else { throw CatalogError(.invalidEnvelope, "cannot take the envelope apart") }
        entry["title"] = ["de": "Jetzt 90 % günstiger – nur heute!"]
        decoded["entry"] = entry
        object["payload"] = try JSONSerialization.data(withJSONObject: decoded, options: [.sortedKeys])
            .base64EncodedString()
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    func printExploreCommands(workspace: URL) {
        let nationalName = plan.nodes.first { $0.level == .national }?.name ?? "clusterplattform"
        let dir = workspace.appendingPathComponent(nationalName).path
        Console.line(
            """

            The nodes keep running until Ctrl-C. Explore them:
              clusternode search --dir \(dir) "Reinraum"
              clusternode overview --dir \(dir) --format html --out overview.html
              clusternode entries list --dir \(dir) --origin medicalmountains
              clusternode peers list --dir \(dir)
              curl --cacert \(dir)/tls/cert.pem \(url(nationalName))/v1/node
              curl --cacert \(dir)/tls/cert.pem '\(url(nationalName))/v1/search?q=Laser'
              open \(url(nationalName))/overview in a browser (its certificate is self-signed)

            The national catalog on the web, for the clusters' members (the certificate is self-signed):
              \(url(nationalName))/                          search every catalog the national node holds
              \(url(nationalName))/origins/medicalmountains  one cluster's catalog and how current it is
              \(url(nationalName))/calendar.ics?topic=medtech  a calendar to subscribe to (webcal:// works too)
              \(url(nationalName))/feed.atom?q=Reinraum       new and changed entries as an Atom feed
              \(url(nationalName))/dcat.jsonld               the catalog described in DCAT-AP
            Nodes and ports:
            """)
        for nodePlan in plan.nodes {
            Console.line(
                "  \(nodePlan.name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(url(nodePlan.name))  --dir \(workspace.appendingPathComponent(nodePlan.name).path)"
            )
        }
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n")
    }
}
