import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// The web catalog in a real browser: Chromium driven by Selenium through a serving national node
/// (`scripts/web-catalog-browser.py`), with JavaScript off for the member's path through the pages
/// and on for the axe accessibility rules and the screenshots.
@Suite("The web catalog in Chromium", .serialized, .timeLimit(.minutes(10)))
struct BrowserTests {
    @Test(
        "search, page, filter, open an entry, follow a related offering, switch the language; axe finds nothing serious"
    )
    func memberPath() throws {
        try Tool.require("chromium")
        try Tool.require("chromedriver")
        try Tool.requirePython(module: "selenium")
        try Tool.requirePython(module: "axe_selenium_python", package: "axe-selenium-python")
        // 30 offerings of one cluster reach the national node through its agency; the national
        // node's own training shares the cluster's technology field, so each finds the other as related.
        let fed = try Federation.relayChain(offerings: 30)
        defer { fed.shutDown() }
        #expect(try fed.sync("de").ok)
        try fed.cli.succeed([
            "entries", "add", "--dir", "de", "--type", "training", "--title", "Reinraum-Grundkurs", "--topic",
            "medtech", "--session", "start=2027-05-03T09:00,end=2027-05-03T17:00,mode=onsite,city=Stuttgart",
        ])
        let server = try fed.serve("de")
        let shots = fed.cli.directory.file("screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let result = try Shell.run(
            "python3",
            [
                Fixtures.repositoryRoot.appendingPathComponent("scripts/web-catalog-browser.py").path, server.url,
                shots.path, "/entries/de/reinraum-grundkurs",
            ], timeLimit: .seconds(400))
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(result.status == 0, "\(result.stdout.suffix(3000)) \(result.stderr.suffix(2000))")
        let failures = report?["failures"] as? [String] ?? ["no report"]
        #expect(failures.isEmpty, "\(failures)")
        let steps = (report?["steps"] as? [[String: Any]] ?? []).compactMap { $0["step"] as? String }
        for name in [
            "next page", "filter by type", "open an entry", "follow a related offering", "switch to English",
            "axe search", "axe entry", "axe origin", "axe embed", "axe not-found", "screenshot entry at 390 px",
            "screenshot results at 1400 px",
        ] {
            #expect(steps.contains(name), "\(name) did not run")
        }
        // Kept where a person can look at them.
        if let keep = ProcessInfo.processInfo.environment["CLUSTERNODE_KEEP_SCREENSHOTS"] {
            for file in try FileManager.default.contentsOfDirectory(atPath: shots.path) {
                try? FileManager.default.removeItem(atPath: "\(keep)/\(file)")
                try FileManager.default.copyItem(atPath: "\(shots.path)/\(file)", toPath: "\(keep)/\(file)")
            }
        }
    }
}
