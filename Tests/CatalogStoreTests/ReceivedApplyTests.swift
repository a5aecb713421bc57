import CatalogCore
import CatalogStore
import CatalogTestSupport
import Foundation
import Testing

@Suite("Applying received envelopes")
struct ReceivedApplyTests {
    let origin = NodeSigningKey(origin: "microtech")

    func makeStore() async throws -> (CatalogStore, TemporaryDirectory) {
        let directory = try TemporaryDirectory("apply")
        let store = try CatalogStore.open(path: directory.file("catalog.sqlite").path)
        try await store.registerSelf(origin: "national", key: NodeSigningKey(origin: "national").publicKey)
        return (store, directory)
    }

    func version(_ entry: Entry, seq: Int64) throws -> ReceivedItem {
        .entry(
            try SignedEntry.sign(
                .version(of: entry, origin: "microtech", seq: seq, updated: "2026-11-29T09:00:00Z"), with: origin))
    }

    func tombstone(_ id: String, seq: Int64) throws -> ReceivedItem {
        .entry(
            try SignedEntry.sign(
                .tombstone(origin: "microtech", id: id, seq: seq, updated: "2026-11-29T09:00:00Z"), with: origin))
    }

    @Test("an origin's entries beyond the limit are refused as over-limit; its existing ones still update")
    func entryLimit() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        let items = try (1...5).map { try version(Fixtures.offering(id: "offer-\($0)"), seq: Int64($0)) }
        let outcome = try await store.applyReceived(items, refusals: [], peer: "bw", cursor: 5, entryLimit: 3)
        #expect(outcome.added == 3 && outcome.refusals.map(\.reason) == [.overLimit, .overLimit])
        var edited = Fixtures.offering(id: "offer-1")
        edited.keywords = ["neu"]
        let update = try await store.applyReceived(
            [try version(edited, seq: 6)], refusals: [], peer: "bw", cursor: 6, entryLimit: 3)
        #expect(update.updated == 1 && update.refusals.isEmpty)
        #expect(try await store.refusalCounts()[.overLimit] == 2)
    }

    @Test("new, updated, withdrawn and duplicate envelopes; the cursor moves with the page")
    func lifecycle() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        var first = try await store.applyReceived(
            [try version(Fixtures.training(), seq: 1)], refusals: [], peer: "bw", cursor: 10)
        #expect(first.added == 1)
        var changed = Fixtures.training()
        changed.keywords = ["neu"]
        first = try await store.applyReceived(
            [try version(Fixtures.training(), seq: 1), try version(changed, seq: 2)], refusals: [], peer: "bw",
            cursor: 20)
        #expect(first.unchanged == 1 && first.updated == 1)
        let withdrawn = try await store.applyReceived(
            [try tombstone("gmp-grundlagen", seq: 3)], refusals: [], peer: "bw", cursor: 30)
        #expect(withdrawn.withdrawn == 1)
        #expect(try await store.entries(origin: "microtech").isEmpty)
        #expect(try await store.entry(origin: "microtech", id: "gmp-grundlagen")?.viaPeer == "bw")
        #expect(try await store.peerState("bw")?.cursor == 30)
        #expect(try await store.origins().first { $0.name == "microtech" }?.maxSeq == 3)
    }

    @Test("an older version is refused as a rollback and changes nothing")
    func rollback() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        var newer = Fixtures.training()
        newer.durationHours = 16
        _ = try await store.applyReceived([try version(newer, seq: 5)], refusals: [], peer: "bw", cursor: 1)
        let replay = try await store.applyReceived(
            [try version(Fixtures.training(), seq: 4)], refusals: [], peer: "evil", cursor: 2)
        #expect(replay.refusals.map(\.reason) == [.rollback])
        let stored = try #require(try await store.entry(origin: "microtech", id: "gmp-grundlagen"))
        #expect(stored.seq == 5)
        #expect(try await store.recentRefusals().first?.peer == "evil")
    }

    @Test("an older version from a peer whose own head is older too is lag; one whose head is as new is a rollback")
    func lagAndRollback() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        var newer = Fixtures.training()
        newer.durationHours = 16
        _ = try await store.applyReceived([try version(newer, seq: 5)], refusals: [], peer: "bw", cursor: 1)
        let old = try version(Fixtures.training(), seq: 4)
        func relay(_ seq: Int64?, peerOrigin: String? = "de") -> RelayHeads {
            var heads = RelayHeads(peerOrigin: peerOrigin)
            if let seq { heads.note(origin: "microtech", seq: seq) }
            return heads
        }
        let behind = try await store.applyReceived(
            [old], refusals: [], peer: "de", cursor: 2, relayHeads: relay(4))
        #expect(behind.refusals.isEmpty && behind.behind == ["microtech": 1])
        #expect(try await store.refusalCounts().isEmpty, "lag is not a refusal")
        let claimsMore = try await store.applyReceived(
            [old], refusals: [], peer: "de", cursor: 3, relayHeads: relay(5))
        #expect(claimsMore.refusals.map(\.reason) == [.rollback] && claimsMore.behind.isEmpty)
        let theOriginItself = try await store.applyReceived(
            [old], refusals: [], peer: "microtech", cursor: 3, relayHeads: relay(4, peerOrigin: "microtech"))
        #expect(theOriginItself.refusals.map(\.reason) == [.rollback])
        var noHeadAtAll = relay(nil)
        noHeadAtAll.complete = true
        let claimsNothing = try await store.applyReceived(
            [old], refusals: [], peer: "de", cursor: 4, relayHeads: noHeadAtAll)
        #expect(claimsNothing.refusals.map(\.reason) == [.rollback])

        // Not known yet: nothing is applied, the cursor stays, and the caller is asked for the heads.
        await #expect(throws: RelayHeadsNeeded.self) {
            _ = try await store.applyReceived(
                [old, try version(Fixtures.offering(), seq: 6)], refusals: [], peer: "de", cursor: 9,
                relayHeads: relay(nil))
        }
        #expect(try await store.peerState("de")?.cursor == 4)
        #expect(try await store.entries(origin: "microtech").count == 1)
    }

    @Test("two different envelopes with one seq are equivocation, even for different entries")
    func equivocation() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        _ = try await store.applyReceived(
            [try version(Fixtures.training(), seq: 7)], refusals: [], peer: "bw", cursor: 1)
        var other = Fixtures.training()
        other.title = LocalizedText(["de": "Andere Fassung"])
        let sameEntry = try await store.applyReceived([try version(other, seq: 7)], refusals: [], peer: "x", cursor: 2)
        let otherEntry = try await store.applyReceived(
            [try version(Fixtures.offering(), seq: 7)], refusals: [], peer: "x", cursor: 3)
        #expect(sameEntry.refusals.map(\.reason) == [.equivocation])
        #expect(otherEntry.refusals.map(\.reason) == [.equivocation])
        #expect(try await store.entries(origin: "microtech").count == 1)
        #expect(try await store.refusalCounts()[.equivocation] == 2)
    }

    @Test("envelopes of the node's own origin coming back through a cycle are ignored")
    func ownOrigin() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        let mine = NodeSigningKey(origin: "national")
        let item = ReceivedItem.entry(
            try SignedEntry.sign(
                .version(of: Fixtures.offering(), origin: "national", seq: 1, updated: "2026-11-29T09:00:00Z"),
                with: mine))
        let outcome = try await store.applyReceived([item], refusals: [], peer: "bw", cursor: 1)
        #expect(outcome.own == 1)
        #expect(try await store.entries(origin: "national").isEmpty)
    }

    @Test("heads: newer replaces, older is a rollback, a different catalog at the same seq is equivocation")
    func heads() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        func head(seq: Int64, live: Int, issued: String) throws -> ReceivedItem {
            .head(
                try SignedHead.sign(
                    HeadPayload(
                        origin: "microtech", seq: seq, live: live,
                        digest: "sha256:" + String(repeating: "\(live)", count: 64),
                        issued: issued,
                        expires: "2027-01-01T00:00:00Z"),
                    with: origin))
        }
        #expect(
            try await store.applyReceived(
                [try head(seq: 5, live: 3, issued: "2026-11-29T09:00:00Z")], refusals: [], peer: "bw", cursor: 1
            ).heads == 1)
        let older = try await store.applyReceived(
            [try head(seq: 4, live: 3, issued: "2026-11-29T10:00:00Z")], refusals: [], peer: "bw", cursor: 2)
        #expect(older.refusals.map(\.reason) == [.rollback])
        let forked = try await store.applyReceived(
            [try head(seq: 5, live: 2, issued: "2026-11-29T10:00:00Z")], refusals: [], peer: "bw", cursor: 3)
        #expect(forked.refusals.map(\.reason) == [.equivocation])
        let refreshed = try await store.applyReceived(
            [try head(seq: 5, live: 3, issued: "2026-11-29T11:00:00Z")], refusals: [], peer: "bw", cursor: 4)
        #expect(refreshed.heads == 1)
        #expect(try await store.head(origin: "microtech")?.issued == "2026-11-29T11:00:00Z")
    }

    @Test("the feed serves federated entries and heads in receipt order, never local entries")
    func feed() async throws {
        let (store, directory) = try await makeStore()
        defer { try? store.close(); directory.remove() }
        _ = try await store.applyReceived(
            [try version(Fixtures.training(), seq: 1), try version(Fixtures.offering(), seq: 2)], refusals: [],
            peer: "bw", cursor: 1)
        let page = try await store.feed(since: 0, limit: 1)
        #expect(page.items.count == 1 && page.more && page.next == page.items[0].receipt)
        let rest = try await store.feed(since: page.next, limit: 10)
        #expect(rest.items.count == 1 && !rest.more)
        let empty = try await store.feed(since: rest.next, limit: 10)
        #expect(empty.items.isEmpty && empty.next == rest.next)
    }
}

@Suite("Feed pages and cursors")
struct FeedPageTests {
    let origin = NodeSigningKey(origin: "microtech")

    @Test("a page stops at the byte limit, but always holds at least one envelope")
    func byteLimit() async throws {
        let directory = try TemporaryDirectory("feed")
        let store = try CatalogStore.open(path: directory.file("catalog.sqlite").path)
        defer { try? store.close(); directory.remove() }
        try await store.registerSelf(origin: "national", key: NodeSigningKey(origin: "national").publicKey)
        let items = try (1...5).map { seq in
            ReceivedItem.entry(
                try SignedEntry.sign(
                    .version(
                        of: Fixtures.offering(id: "angebot-\(seq)"), origin: "microtech", seq: Int64(seq),
                        updated: "2026-11-29T09:00:00Z"),
                    with: origin))
        }
        _ = try await store.applyReceived(items, refusals: [], peer: "bw", cursor: 1)
        let size = try #require(try await store.feed(since: 0, limit: 1).items.first?.envelope.count)
        let page = try await store.feed(since: 0, limit: 100, maxBytes: size * 2 + 1)
        #expect(page.items.count == 2 && page.more)
        let tiny = try await store.feed(since: 0, limit: 100, maxBytes: 1)
        #expect(tiny.items.count == 1)
        #expect(page.last == 5)
    }

    @Test("a page is not stored when another sync moved the peer's cursor meanwhile")
    func concurrentCursor() async throws {
        let directory = try TemporaryDirectory("cursor")
        let store = try CatalogStore.open(path: directory.file("catalog.sqlite").path)
        defer { try? store.close(); directory.remove() }
        try await store.registerSelf(origin: "national", key: NodeSigningKey(origin: "national").publicKey)
        let item = ReceivedItem.entry(
            try SignedEntry.sign(
                .version(of: Fixtures.offering(), origin: "microtech", seq: 1, updated: "2026-11-29T09:00:00Z"),
                with: origin))
        _ = try await store.applyReceived([], refusals: [], peer: "bw", from: 0, cursor: 40, trustDigest: "t1")
        await #expect(throws: CatalogError.self) {
            try await store.applyReceived([item], refusals: [], peer: "bw", from: 10, cursor: 50, trustDigest: "t1")
        }
        #expect(try await store.entries(origin: "microtech").isEmpty)
        #expect(try await store.peerState("bw").map { ($0.cursor, $0.trustDigest) }! == (40, "t1"))
    }

    @Test("a peer is marked when envelopes were refused for want of trust, until a pull starts over")
    func refusedForTrust() async throws {
        let directory = try TemporaryDirectory("trust-refusals")
        let store = try CatalogStore.open(path: directory.file("catalog.sqlite").path)
        defer { try? store.close(); directory.remove() }
        try await store.registerSelf(origin: "national", key: NodeSigningKey(origin: "national").publicKey)
        let untrusted = Refusal(peer: "bw", origin: "unknown", reason: .untrustedOrigin, detail: "no key")
        let rollback = Refusal(peer: "bw", origin: "microtech", reason: .rollback, detail: "old")

        _ = try await store.applyReceived([], refusals: [rollback], peer: "bw", from: 0, cursor: 10, fromStart: true)
        #expect(try await store.peerState("bw")?.refusedForTrust == false, "a rollback is not about trust")
        _ = try await store.applyReceived([], refusals: [untrusted], peer: "bw", from: 10, cursor: 20)
        _ = try await store.applyReceived([], refusals: [], peer: "bw", from: 20, cursor: 30)
        #expect(try await store.peerState("bw")?.refusedForTrust == true)
        _ = try await store.applyReceived([], refusals: [], peer: "bw", from: 30, cursor: 10, fromStart: true)
        #expect(try await store.peerState("bw")?.refusedForTrust == false)
        // Refusals beyond the log's cap are not stored, but still count.
        _ = try await store.applyReceived(
            [], refusals: [], peer: "bw", from: 10, cursor: 20, fromStart: true, refusedForTrust: true)
        #expect(try await store.peerState("bw")?.refusedForTrust == true)
    }
}
