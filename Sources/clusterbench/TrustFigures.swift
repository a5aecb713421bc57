import CatalogCore
import CatalogTrust
import Foundation

/// How long evaluating a trust set takes for 10,000 statements, as a chain (each agency endorsing
/// the next, which the rules stop after the first link) and as a fan-out (an agency endorsing
/// 10,000 clusters, every one of which counts), beside the unavoidable part: checking 10,000
/// signatures on one core.
enum TrustFigures {
    static let statements = 10_000

    static func measure() throws -> [Figure] {
        let now = Date()
        let expires = Timestamp.format(now.addingTimeInterval(365 * 86_400))
        let issued = Timestamp.format(now)
        func endorse(_ subject: NodeSigningKey, by endorser: NodeSigningKey, level: String) throws -> SignedEndorsement
        {
            try SignedEndorsement.sign(
                EndorsementPayload(
                    endorser: endorser.origin, subject: subject.origin, key: subject.publicKey.text, region: "DE-BW",
                    level: level, issued: issued, expires: expires),
                with: endorser)
        }
        let national = NodeSigningKey(origin: "national")
        let links = (0...statements).map { NodeSigningKey(origin: "agency-\($0)") }
        var chain = [try endorse(links[0], by: national, level: "agency")]
        for index in 1..<statements { chain.append(try endorse(links[index], by: links[index - 1], level: "agency")) }
        let agency = NodeSigningKey(origin: "bw-agency")
        let fanOut = try (0..<statements).map {
            try endorse(NodeSigningKey(origin: "cluster-\($0)"), by: agency, level: "cluster")
        }
        let nationalAnchor = TrustSet.Anchor(
            origin: "national", key: national.publicKey, level: .national, region: "DE")
        let agencyAnchor = TrustSet.Anchor(origin: "bw-agency", key: agency.publicKey, level: .agency, region: "DE-BW")

        // From scratch, every signature checked (what a pull does with a peer's statements), and
        // with the signers known from the door (what a node does with the statements it holds).
        func evaluate(
            _ name: String, _ anchor: TrustSet.Anchor, _ statements: [SignedEndorsement],
            signer: (Int) -> NodePublicKey,
            trusts expected: Int
        ) throws -> [Figure] {
            let signers = statements.indices.map { Optional(signer($0)) }
            var seconds: [Double] = []
            for known in [false, true] {
                seconds.append(
                    try best(of: 3) {
                        let trust = TrustSet(
                            anchors: [anchor], endorsements: statements, signers: known ? signers : [], now: now)
                        guard trust.origins.count == expected else {
                            throw BenchError("\(name) trusted \(trust.origins.count) origins, not \(expected)")
                        }
                    })
            }
            return [
                Figure(
                    "trust, \(name), signatures checked", seconds[0] * 1000, "ms", better: .lower,
                    reference: "\(statements.count.grouped) verifications", referenceValue: verifySeconds * 1000,
                    budget: "< 1,000 ms", withinBudget: seconds[0] < 1,
                    note: "best of 3; ours on all cores, the reference on one"),
                Figure(
                    "trust, \(name), signers known", seconds[1] * 1000, "ms", better: .lower,
                    reference: "\(statements.count.grouped) verifications", referenceValue: verifySeconds * 1000,
                    budget: "< 1,000 ms", withinBudget: seconds[1] < 1,
                    note: "best of 3; the statements a node holds, checked when they were stored"),
            ]
        }
        let verifySeconds = try best(of: 3) {
            for statement in fanOut { try statement.verify(with: agency.publicKey) }
        }
        return try evaluate(
            "\(statements.grouped)-link chain", nationalAnchor, chain,
            signer: { $0 == 0 ? national.publicKey : links[$0 - 1].publicKey }, trusts: 2)
            + evaluate(
                "fan-out of \(statements.grouped)", agencyAnchor, fanOut, signer: { _ in agency.publicKey },
                trusts: statements + 1)
    }

    static func best(of runs: Int, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<runs {
            let start = clock.now
            try body()
            best = min(best, (clock.now - start).seconds)
        }
        return best
    }
}
