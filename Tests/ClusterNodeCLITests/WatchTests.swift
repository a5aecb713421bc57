import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@Suite("Watches: saved searches whose new matches a sync reports", .serialized, .timeLimit(.minutes(10)))
struct WatchTests {
    @Test("watch add, a sync that says how many are new, watch new lists them once, watch list gives the feed")
    func watchAcrossASync() throws {
        let fed = try Federation.relayChain()
        defer { fed.shutDown() }
        let added = try fed.cli.succeed(["watch", "add", "--dir", "de", "gmp", "GMP", "--type", "training"]).stdout
        #expect(added.contains("Watching \"GMP\" type=training as gmp: 0 entries match now"), "\(added)")
        #expect(added.contains("Atom feed: https://localhost:8443/feed.atom?q=GMP&type=training"))
        try fed.cli.succeed(["watch", "add", "--dir", "de", "forum", "Forum"])
        // No entry has both words: a watch never falls back to entries with one of them, as a
        // search does, or every GMP entry would be news for it.
        try fed.cli.succeed(["watch", "add", "--dir", "de", "gmp-hamburg", "GMP Hamburg"])
        #expect(
            try fed.cli.fail(["watch", "add", "--dir", "de", "gmp", "anything"])
                == "error: a watch named 'gmp' exists already")
        #expect(try fed.cli.fail(["watch", "add", "--dir", "de", "Bad Name"]).contains("must be 1 to 40 lowercase"))

        let synced = try fed.cli.succeed(["sync", "--dir", "de"]).stdout
        #expect(synced.contains("1 new match for gmp (clusternode watch new gmp)"), "\(synced)")
        #expect(synced.contains("1 new match for forum"))
        #expect(!synced.contains("gmp-hamburg"), "\(synced)")
        let searched = try fed.cli.succeed(["search", "--dir", "de", "GMP Hamburg"]).stdout
        #expect(searched.contains("gmp-grundlagen-2027"), "the search's fallback finds it: \(searched)")

        let list = try #require(try fed.cli.json(["watch", "list", "--dir", "de"]) as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == ["forum", "gmp", "gmp-hamburg"])
        #expect(list[1]["new"] as? Int == 1 && list[2]["new"] as? Int == 0)
        #expect(list[1]["feed"] as? String == "https://localhost:8443/feed.atom?q=GMP&type=training")

        let peeked = try fed.cli.succeed(["watch", "new", "--dir", "de", "gmp", "--peek"]).stdout
        #expect(peeked.contains("gmp: 1 new match") && peeked.contains("mm/gmp-grundlagen-2027"))
        let news = try #require(try fed.cli.json(["watch", "new", "--dir", "de", "gmp"]) as? [[String: Any]])
        let matches = try #require(news.first?["matches"] as? [[String: Any]])
        #expect(matches.map { $0["id"] as? String } == ["gmp-grundlagen-2027"])
        #expect(matches.first?["origin"] as? String == "mm")
        // Seen now: nothing is new for gmp, and the next sync says nothing of it.
        #expect(try fed.cli.succeed(["watch", "new", "--dir", "de", "gmp"]).stdout.contains("gmp: 0 new matches"))
        let again = try fed.cli.succeed(["sync", "--dir", "de"]).stdout
        #expect(!again.contains("for gmp") && again.contains("1 new match for forum"))

        // The node's own entries count when public, never when members-only.
        try fed.cli.succeed([
            "entries", "add", "--dir", "de", "--type", "training", "--title", "GMP-Aufbaukurs", "--topic", "pharma",
            "--session", "start=2027-05-03T09:00,end=2027-05-03T17:00,mode=online",
        ])
        try fed.cli.succeed([
            "entries", "add", "--dir", "de", "--type", "training", "--title", "GMP intern", "--topic", "pharma",
            "--local", "--session", "start=2027-05-04T09:00,end=2027-05-04T17:00,mode=online",
        ])
        let own = try fed.cli.succeed(["watch", "new", "--dir", "de", "gmp"]).stdout
        #expect(own.contains("gmp: 1 new match") && own.contains("de/gmp-aufbaukurs") && !own.contains("intern"))

        try fed.cli.succeed(["watch", "remove", "--dir", "de", "gmp"])
        #expect(
            try fed.cli.fail(["watch", "new", "--dir", "de", "gmp"])
                == "error: no watch named 'gmp' (see: clusternode watch list)")
    }
}
