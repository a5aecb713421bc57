import CatalogCore
import CatalogReports
import CatalogTestSupport
import Foundation
import Testing

/// Looks at the overview page in headless Chromium: the screenshot must show every bar chart with
/// bars in it (checked by `scripts/overview-screenshot-check.py`); an empty overview must fail the
/// same check, so the check can fail.
@Suite("The overview page as Chromium draws it", .serialized, .timeLimit(.minutes(10)))
struct ScreenshotTests {
    func screenshot(of html: String, in directory: TemporaryDirectory) throws -> URL {
        let page = try directory.write("overview.html", html)
        let png = directory.file("overview.png")
        try Tool.require("chromium")
        let chromium = try Shell.run(
            "timeout",
            [
                "120", "chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--window-size=1280,3200",
                "--screenshot=\(png.path)", page.absoluteString,
            ])
        #expect(chromium.status == 0, "chromium: \(chromium.stderr.suffix(500))")
        return png
    }

    func check(_ png: URL, charts: Int) throws -> Shell.Result {
        try Shell.run(
            "python3",
            [
                Fixtures.repositoryRoot.appendingPathComponent("scripts/overview-screenshot-check.py").path, png.path,
                String(charts),
            ])
    }

    @Test("every chart of the example federation's overview is drawn with bars")
    func chartsDrawn() async throws {
        let test = try await ExampleFederation.nationalNode()
        defer { test.remove() }
        let report = try await OverviewBuilder.build(node: test.node, now: Timestamp.parse("2026-12-01T00:00:00Z")!)
        let png = try screenshot(of: OverviewHTML.render(report), in: test.directory)
        let result = try check(png, charts: 6)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("charts=6"))
    }

    @Test("an overview without entries fails the same check")
    func emptyFails() async throws {
        let test = try await TestNode.make()
        defer { test.remove() }
        let report = try await OverviewBuilder.build(node: test.node)
        let png = try screenshot(of: OverviewHTML.render(report), in: test.directory)
        let result = try check(png, charts: 1)
        #expect(result.status == 1 && result.stdout.hasPrefix("charts=0"))
    }
}
