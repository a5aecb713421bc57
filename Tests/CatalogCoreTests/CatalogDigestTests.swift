import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@Suite("Head digest and write planning", .timeLimit(.minutes(10)))
struct CatalogDigestTests {
    let lines = [
        CatalogDigest.Line(id: "b-entry", seq: 12, payloadHash: String(repeating: "b", count: 64)),
        CatalogDigest.Line(id: "a-entry", seq: 3, payloadHash: String(repeating: "a", count: 64)),
    ]

    @Test("the digest is SHA-256 over sorted lines, as sha256sum computes it")
    func matchesSha256sum() throws {
        let text = "a-entry 3 \(String(repeating: "a", count: 64))\nb-entry 12 \(String(repeating: "b", count: 64))\n"
        let result = try Shell.run("sha256sum", [], input: Data(text.utf8))
        let expected = "sha256:" + (result.stdout.split(separator: " ").first.map(String.init) ?? "")
        #expect(CatalogDigest.compute(lines) == expected)
        #expect(CatalogDigest.compute(lines.reversed()) == expected)
    }

    @Test("the digest changes with any seq, hash or id")
    func sensitive() {
        let base = CatalogDigest.compute(lines)
        #expect(CatalogDigest.compute([lines[0]]) != base)
        #expect(
            CatalogDigest.compute([lines[0], .init(id: "a-entry", seq: 4, payloadHash: lines[1].payloadHash)]) != base)
        #expect(
            CatalogDigest.compute([
                lines[0], .init(id: "a-entry", seq: 3, payloadHash: String(repeating: "c", count: 64)),
            ]) != base)
    }

    @Test("a plan adds new entries, updates changed ones, leaves equal ones and withdraws with replace")
    func plan() {
        var changed = Fixtures.training(id: "changed")
        let stored: [String: CatalogPlan.Stored] = [
            "same": .init(entry: Fixtures.offering(id: "same")),
            "changed": .init(entry: changed),
            "gone": .init(entry: Fixtures.offering(id: "gone")),
            "withdrawn": .init(entry: nil),
        ]
        changed.keywords.append("neu")
        let incoming = [
            Fixtures.offering(id: "same"), changed, Fixtures.offering(id: "new"), Fixtures.offering(id: "withdrawn"),
        ]

        let plan = CatalogPlan.make(incoming: incoming, stored: stored, replace: false)
        #expect(
            plan.changes == [
                .update(changed), .add(Fixtures.offering(id: "new")), .add(Fixtures.offering(id: "withdrawn")),
            ])
        #expect(plan.unchanged == ["same"])

        let replacing = CatalogPlan.make(incoming: incoming, stored: stored, replace: true)
        #expect(replacing.changes.last == .withdraw(id: "gone"))
        #expect(replacing.withdrawn == 1)
    }

    @Test("lines hashed one by one in id order give the digest of the whole list; out of order is refused")
    func streamed() throws {
        let lines = ["b", "a", "é", "Z", "a-1"].enumerated().map { index, id in
            CatalogDigest.Line(id: id, seq: Int64(index + 1), payloadHash: String(repeating: "ab", count: 32))
        }
        var builder = CatalogDigest.Builder()
        for line in lines.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) { try builder.add(line) }
        #expect(builder.finish() == CatalogDigest.compute(lines))
        var unordered = CatalogDigest.Builder()
        try unordered.add(lines[0])
        #expect(throws: CatalogError.self) { try unordered.add(lines[1]) }
    }
}
