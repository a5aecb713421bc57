import CatalogCore
import CatalogSync
import CatalogTestSupport
import Foundation
import Testing

@Suite("clusternode search", .serialized)
struct SearchCLITests {
    @Test("searching the local index and a remote peer's, as a table and as JSON")
    func localAndRemote() throws {
        let fed = try Federation()
        defer { fed.shutDown() }
        try fed.node("mm")
        try fed.node("bw", level: "agency")
        try fed.importCatalog("mm", Fixtures.exampleCatalog("csv"))

        let table = try fed.cli.succeed(["search", "--dir", "mm", "Medizinprodukte Zulassung"]).stdout
        #expect(table.contains("MDR-Update") && table.contains("mdr-regulatory-update") && table.contains("1–"))
        let local = try JSONDecoder().decode(
            SearchResponse.self, from: try fed.cli.succeed(["search", "--dir", "mm", "Umfrage", "--json"]).stdoutData)
        #expect(local.hits.map(\.id) == ["mitgliederumfrage-2027"])  // members-only, but this is the node's own index

        let none = try fed.cli.succeed(["search", "--dir", "mm", "GMP", "--region", "DE-HH"]).stdout
        #expect(none.contains("No entries match 'GMP'") && none.contains("without --region"))
        let bad = try fed.cli.fail(["search", "--dir", "mm", "x", "--kind", "fair"])
        #expect(bad.contains("kind 'fair'"))

        try fed.serve("mm")
        try fed.pin("bw", "mm")
        let remote = try JSONDecoder().decode(
            SearchResponse.self,
            from: try fed.cli.succeed(["search", "--dir", "bw", "--remote", "mm", "GMP", "--json"]).stdoutData)
        #expect(remote.hits.map(\.id) == ["gmp-grundlagen-2027"] && remote.hits.first?.verified == true)
        let remoteLocal = try JSONDecoder().decode(
            SearchResponse.self,
            from: try fed.cli.succeed(["search", "--dir", "bw", "--remote", "mm", "Umfrage", "--json"]).stdoutData)
        #expect(remoteLocal.total == 0)
        #expect(try fed.cli.fail(["search", "--dir", "bw", "--remote", "nobody", "GMP"]).contains("no peer 'nobody'"))
    }
}
