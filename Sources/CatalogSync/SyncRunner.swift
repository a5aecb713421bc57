import AsyncHTTPClient
import CatalogCore
import CatalogNode
import CatalogStore
import CatalogTrust
import CatalogWire
import Foundation
import Logging

/// Pulls from peers: for each, the feed from its checkpoint page by page, each page verified on all
/// cores and stored with its new cursor in one transaction. Peers are pulled concurrently; one that
/// fails does not stop the others.
public struct SyncRunner: Sendable {
    /// Called after each stored page: peer, envelopes so far, whether more pages follow.
    public typealias Progress = @Sendable (_ peer: String, _ envelopes: Int, _ more: Bool) -> Void

    public let node: Node
    public let http: HTTPClient
    public var pageSize = 500
    /// The deadline of each request to a peer.
    public var timeout: Duration = .seconds(30)
    /// Pull every peer's whole feed again, from its start, whatever the checkpoint says.
    public var fromStart = false
    public var logger: Logger

    public init(node: Node, http: HTTPClient, logger: Logger) {
        self.node = node
        self.http = http
        self.logger = logger
    }

    /// Pulls from every peer, or from the named ones.
    public func sync(only names: [String]? = nil, progress: Progress? = nil) async throws -> SyncReport {
        let directory = PeerDirectory(node.directory)
        var peers = try directory.load()
        if let names {
            for name in names where !peers.contains(where: { $0.name == name }) {
                _ = try directory.peer(named: name)  // throws naming the known peers
            }
            peers = peers.filter { names.contains($0.name) }
        }
        let reports = await withTaskGroup(of: PeerSyncReport.self) { group in
            for peer in peers {
                group.addTask { await self.pull(peer, progress: progress) }
            }
            var reports: [PeerSyncReport] = []
            for await report in group { reports.append(report) }
            return reports.sorted { $0.peer < $1.peer }
        }
        return SyncReport(peers: reports)
    }

    /// Pulls from one peer, never throwing: a failure is in the report and in the peer's state.
    public func pull(_ peer: PeerFile, progress: Progress? = nil) async -> PeerSyncReport {
        var report = PeerSyncReport(peer: peer.name)
        var logger = logger
        logger[metadataKey: "peer.name"] = "\(peer.name)"
        do {
            let pass = try await pull(peer, fromStart: fromStart, into: &report, logger: logger, progress: progress)
            report.incomplete = try await node.store.completeness(viaPeer: peer.name).filter { !$0.complete }
            // A whole feed pulled, a new head, nothing of its origin refused, and still no copy of
            // what the head lists: the feed skipped something. A peer whose database was copied back
            // serves a second history at positions this node has passed; the whole feed once more
            // shows it (as equivocation). Only a new head (a higher seq, which only the origin can
            // sign) triggers this, so a peer cannot make it happen at will.
            let unexplained = report.incomplete.filter {
                !$0.forked && pass.newHeads.contains($0.origin) && !pass.refusedOrigins.contains($0.origin)
            }
            if !pass.fromZero, pass.reachedEnd, !unexplained.isEmpty {
                logger.warning(
                    "a copy does not match the new head it came with; pulling the peer again from its start",
                    metadata: ["origins": "\(unexplained.map(\.origin).sorted())"])
                _ = try await pull(
                    peer, fromStart: true, cursorFloor: pass.cursor, into: &report, logger: logger, progress: progress)
                report.incomplete = try await node.store.completeness(viaPeer: peer.name).filter { !$0.complete }
            }
            report.ok = true
            try await node.store.recordAttempt(peer: peer.name, error: nil)
            logger.info(
                "pulled from peer",
                metadata: [
                    "envelopes": "\(report.envelopes)", "added": "\(report.added)", "updated": "\(report.updated)",
                    "withdrawn": "\(report.withdrawn)", "refused": "\(report.refused.count)",
                ])
        } catch {
            let message = (error as? CatalogError)?.message ?? "\(error)"
            report.error = message
            try? await node.store.recordAttempt(peer: peer.name, error: message)
            logger.warning("pull from peer failed", metadata: ["error": "\(message)"])
        }
        for origin in report.equivocating.sorted() {
            logger.error(
                "equivocation: an origin signed two different envelopes for one seq", metadata: ["origin": "\(origin)"])
        }
        return report
    }

    /// The most pages one pull takes from a peer; the next pull goes on from there.
    public static let maxPagesPerPull = 10_000

    /// What one pass over a peer's feed saw.
    struct Pass {
        /// The pass read the feed from its start.
        var fromZero = false
        /// It reached the end of the feed (not the page limit).
        var reachedEnd = false
        /// The cursor it stored last.
        var cursor: Int64 = 0
        var newHeads: Set<String> = []
        /// Origins of which something was refused.
        var refusedOrigins: Set<String> = []
    }

    /// One pass over the peer's feed, from its checkpoint or (`fromStart`) from 0.
    /// - Parameter cursorFloor: the lowest cursor stored: a second pass from 0 does not move the
    ///   checkpoint back behind what the first one reached.
    private func pull(
        _ peer: PeerFile, fromStart: Bool, cursorFloor: Int64 = 0, into report: inout PeerSyncReport,
        logger: Logger, progress: Progress?
    ) async throws -> Pass {
        var pass = Pass()
        let client = try client(for: peer, logger: logger)
        var trust = try await currentTrust()
        let state = try await node.store.peerState(peer.name)
        // The cursor the database holds: every page is stored only if it still holds it.
        var stored = state?.cursor ?? 0
        // A cursor advanced under other trust may have skipped entries refused for want of it; when
        // nothing was refused for want of trust, new trust changes nothing the feed already gave.
        let mayYieldMore = state?.refusedForTrust ?? true
        // New trust is a reason to look at the peer's endorsements again, always; and to pull the
        // feed again from its start when something was refused for want of trust.
        let trustChanged = state?.trustDigest != nil && state?.trustDigest != trust.digest
        var cursor = fromStart || (trustChanged && mayYieldMore) ? 0 : stored
        var checkedEndorsements = false
        var restarted = fromStart
        var relayHeads = RelayHeads(peerOrigin: peer.name)
        while true {
            let page = try await client.changes(since: cursor, limit: pageSize)
            report.requests += 1
            report.bytes += page.bodyBytes
            try page.header.checkPage(cursor: cursor, pageSize: pageSize)
            if let last = page.header.last, last < cursor, !restarted {
                logger.warning("the peer's feed was rewound; pulling it again from its start")
                restarted = true
                cursor = 0
                continue
            }
            report.pages += 1
            if !checkedEndorsements {
                checkedEndorsements = true
                // Endorsements dropped for want of a trusted signer may be accepted under new trust.
                let retryDropped = fromStart || (trustChanged && (state?.endorsementsDropped ?? true))
                if let digest = page.header.endorsements, digest != state?.endorsementsDigest || retryDropped {
                    let (stored, dropped) = try await refreshEndorsements(
                        from: client, peer: peer.name, trust: &trust, report: &report)
                    report.endorsements += stored
                    try await node.store.recordEndorsements(peer: peer.name, digest: digest, dropped: dropped)
                    if trust.digest != (state?.trustDigest ?? trust.digest) && cursor > 0 && !restarted && mayYieldMore
                    {
                        logger.info("trust changed; pulling the feed again from its start")
                        restarted = true
                        cursor = 0
                        continue
                    }
                }
            }
            var verified = await PageVerifier.verify(page.lines, trust: trust, peer: peer.name)
            try await Self.ignoreOwnOldVersions(&verified, lines: page.lines, node: node)
            relayHeads.note(verified.items)
            if cursor == 0 { pass.fromZero = true }
            let next = page.header.next ?? cursor
            let written = max(next, cursorFloor)
            func apply() async throws -> ApplyOutcome {
                try await node.store.applyReceived(
                    verified.items, refusals: verified.refusals, peer: peer.name, from: stored,
                    cursor: written, trustDigest: trust.digest, fromStart: cursor == 0,
                    refusedForTrust: verified.refusals.contains { $0.reason.isForWantOfTrust }, relayHeads: relayHeads)
            }
            let outcome: ApplyOutcome
            do {
                outcome = try await apply()
            } catch is RelayHeadsNeeded {
                // Older envelopes of origins whose head the peer has not served yet in this pull.
                try await fetchHeads(from: client, trust: trust, into: &relayHeads, report: &report)
                outcome = try await apply()
            }
            report.envelopes += page.lines.count
            report.add(outcome)
            pass.newHeads.formUnion(outcome.newHeads)
            for refusal in outcome.refusals { if let origin = refusal.origin { pass.refusedOrigins.insert(origin) } }
            stored = written
            pass.cursor = written
            cursor = next
            let more = page.header.more ?? false
            progress?(peer.name, report.envelopes, more)
            guard more, !page.lines.isEmpty else {
                pass.reachedEnd = true
                break
            }
            guard report.pages < Self.maxPagesPerPull else { break }
        }
        return pass
    }

    /// Notes every head the peer holds (its `/v1/heads`, verified like a feed page), so that an
    /// origin it has no head for counts as one it claims nothing about.
    private func fetchHeads(
        from client: PeerClient, trust: TrustSet, into relayHeads: inout RelayHeads, report: inout PeerSyncReport
    ) async throws {
        relayHeads.complete = true
        let answer: FeedAnswer
        do {
            answer = try await client.heads()
        } catch {
            // Judged without them (rollback) rather than not at all: the pull goes on.
            logger.warning("the peer's heads could not be fetched", metadata: ["error": "\(error)"])
            return
        }
        report.requests += 1
        report.bytes += answer.bodyBytes
        let verified = await PageVerifier.verify(answer.lines, trust: trust, peer: client.baseURL)
        relayHeads.note(verified.items)
    }

    /// After this node rotated its key, peers relay its old-key versions until they pull the
    /// re-signed ones: those are its own envelopes, ignored and held against nobody. An entry counts
    /// as one only when the node signed exactly those payload bytes at that seq; anything else
    /// signed with its retired key (a stolen key's work) stays a refusal.
    static func ignoreOwnOldVersions(_ verified: inout PageVerifier.Result, lines: [Data], node: Node) async throws {
        let own = verified.refusals.indices.filter {
            verified.refusals[$0].origin == node.origin && verified.refusals[$0].reason == .retiredKey
        }
        guard !own.isEmpty else { return }
        // One read for the page: a relay behind a rotation serves the whole old catalog.
        let seqs = own.compactMap { verified.refusals[$0].entryID == nil ? nil : verified.refusals[$0].seq }
        let signed = try await node.store.recordedPayloadHashes(origin: node.origin, seqs: seqs)
        var drop: Set<Int> = []
        for index in own {
            let refusal = verified.refusals[index]
            guard refusal.entryID != nil, let seq = refusal.seq else {
                drop.insert(index)  // an old head of its own: nothing to store or fear
                continue
            }
            let hash = (try? Envelope(bytes: lines[verified.refusedLines[index]])).map {
                CatalogDigest.payloadHash($0.payload)
            }
            if let hash, hash == signed[seq] { drop.insert(index) }
        }
        let kept = verified.refusals.indices.filter { !drop.contains($0) }
        verified.refusals = kept.map { verified.refusals[$0] }
        verified.refusedLines = kept.map { verified.refusedLines[$0] }
    }

    func client(for peer: PeerFile, logger: Logger) throws -> PeerClient {
        var client = try PeerClient(
            http: http, url: peer.url, trust: .init(peer.tls, peers: PeerDirectory(node.directory)))
        client.timeout = .init(timeout)
        client.peerName = peer.name
        client.logger = logger
        return client
    }

    /// What asking a peer to hold a request until it has news gave.
    public enum WaitOutcome: Sendable, Equatable {
        /// Something past the cursor, or other endorsements: pull now.
        case news
        /// Nothing in the time the peer held the request.
        case quiet
        /// The peer does not hold requests (an older node): poll it on the interval.
        case unsupported
        /// The request failed.
        case failed
    }

    /// Asks `peer` for its feed past this node's cursor, held up to `seconds` while it has nothing
    /// newer (`/v1/changes?wait=`), and says whether there is news.
    public func waitForNews(_ peer: PeerFile, seconds: Int) async -> WaitOutcome {
        do {
            let state = try await node.store.peerState(peer.name)
            let answer = try await client(for: peer, logger: logger).waitForChanges(
                since: state?.cursor ?? 0, wait: seconds)
            guard answer.header.wait != nil else { return .unsupported }
            let digestChanged = answer.header.endorsements.map { $0 != state?.endorsementsDigest } ?? false
            return answer.header.count > 0 || digestChanged ? .news : .quiet
        } catch {
            logger.debug("waiting for news failed", metadata: ["peer.name": "\(peer.name)", "error": "\(error)"])
            return .failed
        }
    }

    func currentTrust() async throws -> TrustSet {
        try await NodeTrust.current(node)
    }

    /// The most trust statements one answer of a peer may hold; more is refused whole.
    public static let maxStatementsPerAnswer = StatementLimits.endorsements + StatementLimits.rotations

    /// Fetches the peer's trust statements and stores those its signers are entitled to make, as
    /// the node's trust with them would judge (docs/PROTOCOL.md, "Trust"); refuses and counts the
    /// rest. Updates `trust`. Returns how many statements were stored, and whether some were left
    /// that new trust might accept.
    private func refreshEndorsements(
        from client: PeerClient, peer: String, trust: inout TrustSet, report: inout PeerSyncReport
    ) async throws -> (stored: Int, dropped: Bool) {
        let answer = try await client.endorsements()
        report.requests += 1
        report.bytes += answer.bodyBytes
        guard answer.lines.count <= Self.maxStatementsPerAnswer else {
            throw CatalogError(
                .invalidInput,
                "peer served \(answer.lines.count) trust statements; a node keeps at most \(Self.maxStatementsPerAnswer)"
            )
        }
        var refusals: [Refusal] = []
        func refuse(_ reason: Refusal.Reason, _ detail: String) {
            refusals.append(Refusal(peer: peer, reason: reason, detail: detail))
        }
        var offered: [SignedEndorsement] = []
        var rotations: [SignedKeyRotation] = []
        for line in answer.lines {
            guard line.count <= Envelope.maxStatementBytes else {
                refuse(.oversized, "trust statement of \(line.count) bytes exceeds \(Envelope.maxStatementBytes)")
                continue
            }
            if let endorsement = try? SignedEndorsement(bytes: line) {
                offered.append(endorsement)
            } else if let rotation = try? SignedKeyRotation(bytes: line) {
                rotations.append(rotation)
            } else {
                refuse(.malformed, "not an endorsement or key rotation statement")
            }
        }
        let evaluated = try await NodeTrust.candidate(node, extra: offered, extraRotations: rotations)
        let candidate = evaluated.trust
        var accepted: [SignedEndorsement] = []
        var acceptedSigners: [NodePublicKey?] = []
        var unverified = 0
        var heldAlready = 0
        for ((signed, verdict), signer) in zip(zip(offered, evaluated.verdicts), evaluated.signers) {
            let e = signed.endorsement
            switch verdict {
            case nil: heldAlready += 1
            case .entitled:
                accepted.append(signed)
                acceptedSigners.append(signer)
            case .unverified: unverified += 1
            case .notEntitled(let why): refuse(.notEntitled, "endorsement of \(e.subject) by \(e.endorser): \(why)")
            }
        }
        if unverified > 0 {
            refuse(.notEntitled, "\(unverified) endorsements signed by no key trusted for their endorser")
        }
        // Only this node rotates its own key: a rotation of it from a peer is someone else's doing.
        let acceptedRotations = rotations.filter { candidate.mayAccept($0) && $0.rotation.origin != node.origin }
        for rotation in rotations where !acceptedRotations.contains(rotation) {
            let origin = rotation.rotation.origin
            if origin == node.origin {
                logger.error("a peer served a rotation of this node's own key, which this node did not sign")
            }
            refuse(
                .notEntitled,
                origin == node.origin
                    ? "a rotation of this node's own key, which only this node makes"
                    : "key rotation of \(origin) between keys not trusted for it")
        }
        for origin in candidate.conflictedRotations.sorted() {
            logger.error(
                "two different key rotations of one key: the key may be stolen; neither new key is trusted through them",
                metadata: ["origin": "\(origin)"])
        }
        let saved = try await node.store.saveEndorsements(accepted, signers: acceptedSigners, viaPeer: peer)
        let sponsors = acceptedRotations.map {
            candidate.standing(of: $0.rotation.origin)?.endorser ?? $0.rotation.origin
        }
        let savedRotations = try await node.store.saveRotations(acceptedRotations, sponsors: sponsors, viaPeer: peer)
        for (_, reason) in saved.overLimit + savedRotations.overLimit { refuse(.overLimit, reason) }
        report.statementsRefused +=
            offered.count - heldAlready - accepted.count + rotations.count - acceptedRotations.count
            + saved.overLimit.count + savedRotations.overLimit.count
        try await node.store.logRefusals(refusals)
        trust = try await currentTrust()
        return (
            saved.stored + savedRotations.stored,
            accepted.count + heldAlready < offered.count || acceptedRotations.count < rotations.count
        )
    }
}
