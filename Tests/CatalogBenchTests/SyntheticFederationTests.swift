import CatalogBench
import CatalogCore
import Foundation
import Testing

@Suite("Synthetic federation")
struct SyntheticFederationTests {
    let federation = SyntheticFederation(
        seed: 7, origins: 4, entriesPerOrigin: 250, startDay: CatalogDate("2027-02-27")!)

    @Test("the same seed gives the same entries, word for word; another seed gives others")
    func deterministic() {
        let again = SyntheticFederation(seed: 7, origins: 4, entriesPerOrigin: 250, startDay: federation.startDay)
        let other = SyntheticFederation(seed: 8, origins: 4, entriesPerOrigin: 250, startDay: federation.startDay)
        for index in [0, 17, 249] {
            #expect(federation.entry(origin: 2, index: index) == again.entry(origin: 2, index: index))
            #expect(federation.entry(origin: 2, index: index) != other.entry(origin: 2, index: index))
        }
        #expect(federation.origin(3) == again.origin(3))
    }

    @Test("every entry passes the schema, and origins have distinct names")
    func valid() {
        for origin in 0..<federation.origins {
            for index in 0..<federation.entriesPerOrigin {
                let entry = federation.entry(origin: origin, index: index)
                #expect(EntryValidator.issues(in: entry).isEmpty, "\(entry.id): \(EntryValidator.issues(in: entry))")
            }
        }
        let names = Set((0..<federation.origins).map { federation.origin($0).name })
        #expect(names.count == federation.origins)
    }

    @Test("texts have realistic lengths, both types and languages occur, sessions start on or after the start day")
    func realistic() {
        let entries = (0..<federation.entriesPerOrigin).map { federation.entry(origin: 0, index: $0) }
        let descriptions = entries.compactMap { $0.description?["de"]?.count }
        let average = descriptions.reduce(0, +) / descriptions.count
        #expect((300...1_500).contains(average), "average German description: \(average) characters")
        let trainings = entries.filter(\.isTraining)
        #expect(trainings.count > 50 && trainings.count < 200)
        #expect(entries.contains { $0.title["en"] != nil } && entries.contains { $0.title["en"] == nil })
        let starts = trainings.flatMap(\.sessions).map { String($0.start.text.prefix(10)) }
        #expect(!starts.isEmpty && starts.allSatisfy { $0 >= "2027-02-27" && $0 <= "2028-08-31" })
        // Days are counted across month and leap-year ends.
        #expect(
            starts.contains { $0.hasPrefix("2027-03") }
                && starts.contains { $0.hasPrefix("2028-02-29") || $0 > "2028-03" })
    }

    @Test("a revision edits an entry and keeps its id; other entries stay as they were")
    func revisions() {
        let first = federation.entry(origin: 1, index: 5)
        let edited = federation.entry(origin: 1, index: 5, revision: 1)
        #expect(first.id == edited.id)
        #expect(first != edited)
        #expect(federation.entry(origin: 1, index: 6) == federation.entry(origin: 1, index: 6, revision: 0))
    }

    @Test("agencies split the clusters between them; keys come from the seed")
    func agencies() {
        let national = SyntheticFederation(
            seed: 7, origins: 10, entriesPerOrigin: 5, agencies: 3, startDay: federation.startDay)
        let members = (0..<3).map { national.members(ofAgency: $0) }
        #expect(members.flatMap { $0 }.sorted() == Array(0..<10))
        #expect(members[1].allSatisfy { national.origin($0).agency == 1 })
        #expect(national.origin(4).region == national.agency(1).region)
        #expect(national.signingKey(origin: 3).publicKey == national.signingKey(origin: 3).publicKey)
        #expect(national.signingKey(origin: 3).publicKey != national.signingKey(origin: 4).publicKey)
    }

    @Test("a catalog's head covers its signed entries; an edit takes the next seq and changes the digest")
    func catalogHeads() throws {
        let small = SyntheticFederation(seed: 7, origins: 2, entriesPerOrigin: 20, startDay: federation.startDay)
        var catalog = SyntheticCatalog(federation: small, origin: 1)
        let signed = try catalog.signedEntries(0..<20)
        for entry in signed { try entry.verify(with: small.signingKey(origin: 1).publicKey) }
        let lines = signed.map { CatalogDigest.Line(id: $0.id, seq: $0.seq, payloadHash: $0.payloadHash) }
        let head = try catalog.head(issued: Date())
        #expect(head.head.digest == CatalogDigest.compute(lines))
        #expect(head.head.seq == 20 && head.head.live == 20)

        let edited = try catalog.edit([3], revision: 1)
        #expect(edited.map(\.seq) == [21] && edited[0].id == signed[3].id)
        let after = try catalog.head(issued: Date())
        #expect(after.head.seq == 21 && after.head.digest != head.head.digest)
        var newLines = lines
        newLines[3] = CatalogDigest.Line(id: edited[0].id, seq: 21, payloadHash: edited[0].payloadHash)
        #expect(after.head.digest == CatalogDigest.compute(newLines))
    }
}
