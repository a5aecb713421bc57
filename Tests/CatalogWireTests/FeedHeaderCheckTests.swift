import CatalogCore
import CatalogWire
import Testing

@Suite("Feed headers a puller refuses")
struct FeedHeaderCheckTests {
    @Test(
        "more envelopes than asked for, or a cursor that does not move past a non-empty page",
        arguments: [
            FeedHeader(count: 501, next: 900, more: true),
            FeedHeader(count: 10, next: 100, more: true),
            FeedHeader(count: 0, next: 50, more: false),
        ])
    func refused(header: FeedHeader) {
        #expect(throws: CatalogError.self) { try header.checkPage(cursor: 100, pageSize: 500) }
    }

    @Test(
        "a page that moves on, and an empty page at the end",
        arguments: [
            FeedHeader(count: 10, next: 120, more: true), FeedHeader(count: 0, next: 100, more: false),
        ])
    func accepted(header: FeedHeader) throws {
        try header.checkPage(cursor: 100, pageSize: 500)
    }
}
