import CatalogCore
import CatalogNode
import CatalogTestSupport
import Foundation
import Logging
import Testing

@Suite("Head renewal")
struct HeadRefreshTests {
    @Test("the head is re-signed once less than half of its validity is left, and not before")
    func renewal() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        let service = HeadRefreshService(node: test.node, logger: Logger(label: "test"))
        let issued = try #require(try await test.node.store.head(origin: test.node.origin))
        #expect(try await !service.refreshIfDue(now: Date().addingTimeInterval(10 * 86_400)))
        #expect(try await service.refreshIfDue(now: Date().addingTimeInterval(16 * 86_400)))
        let renewed = try #require(try await test.node.store.head(origin: test.node.origin))
        #expect(renewed.seq == issued.seq && renewed.digest == issued.digest)
        #expect(renewed.expires > issued.expires)
        try renewed.signedHead().verify(with: test.node.publicKey)
    }
}
