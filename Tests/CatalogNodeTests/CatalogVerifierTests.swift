import CatalogCore
import CatalogNode
import CatalogTestSupport
import Foundation
import Testing

@Suite("verify re-checks what is stored", .timeLimit(.minutes(10)))
struct CatalogVerifierTests {
    @Test("a clean catalog verifies")
    func clean() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training(), Fixtures.offering()])
        let report = try await CatalogVerifier(
            store: test.node.store, trustedKeys: { [key = test.node.publicKey] _, _ in [key] }
        ).verify()
        #expect(report.isClean && report.entriesChecked == 2 && report.headsChecked == 1)
    }

    @Test("an envelope altered in the database file is reported")
    func tamperedRow() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training(), Fixtures.offering()])
        let row = try #require(try await test.node.store.entry(origin: test.node.origin, id: "gmp-grundlagen"))
        var object = try #require(JSONSerialization.jsonObject(with: row.envelope) as? [String: Any])
        let payload = String(decoding: try row.signedEntry().envelope.payload, as: UTF8.self)
            .replacingOccurrences(of: "450.00", with: "45.00")
        object["payload"] = Data(payload.utf8).base64EncodedString()
        let forged = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let update = try Shell.run(
            "sqlite3",
            [
                test.node.directory.database.path,
                "UPDATE entry SET envelope = CAST('\(forged.replacingOccurrences(of: "'", with: "''"))' AS BLOB) WHERE id = 'gmp-grundlagen';",
            ])
        #expect(update.status == 0, "\(update.stderr)")

        let report = try await CatalogVerifier(
            store: test.node.store, trustedKeys: { [key = test.node.publicKey] _, _ in [key] }
        ).verify()
        #expect(report.failures.map(\.id) == ["gmp-grundlagen"])
        #expect(report.failures.first?.reason.contains("signature") == true)
    }

    @Test("a head that no longer matches the catalog is reported")
    func staleHead() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        try await test.node.put([Fixtures.training(), Fixtures.offering()])
        let delete = try Shell.run(
            "sqlite3", [test.node.directory.database.path, "DELETE FROM entry WHERE id = 'medtech-forum';"])
        #expect(delete.status == 0)
        let report = try await CatalogVerifier(
            store: test.node.store, trustedKeys: { [key = test.node.publicKey] _, _ in [key] }
        ).verify()
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.id == nil)
        #expect(report.failures.first?.reason.contains("does not match the stored catalog") == true)
    }
}
