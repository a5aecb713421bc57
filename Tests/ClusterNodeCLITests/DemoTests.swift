import CatalogTestSupport
import Foundation
import Testing

@Suite("clusternode demo", .serialized, .timeLimit(.minutes(10)))
struct DemoTests {
    @Test("the demo builds the example federation, converges, refuses a tampered envelope and cleans up")
    func demo() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let result = try cli.run(["demo", "--examples", Fixtures.repositoryRoot.path])
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.stdout
        #expect(output.contains("converged: every copy at clusterplattform matches its origin's signed head"))
        #expect(output.contains("refused it: bad-signature: medicalmountains/"))
        #expect(output.contains("(unchanged)"))
        #expect(output.contains("\"Laser Sicherheit\": ") && output.contains("Entries by region"))
        let workspace = try #require(
            output.split(separator: "\n").first?.split(separator: " ").last.map(String.init),
            "no workspace in: \(output)")
        #expect(workspace.contains("clusternode-demo-"))
        #expect(!FileManager.default.fileExists(atPath: workspace))
    }
}
