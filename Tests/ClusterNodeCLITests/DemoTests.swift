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

    @Test("with --keep the demo leaves the nodes running and names the national node's web catalog, which answers")
    func keepServesTheWebCatalog() throws {
        try Tool.require("curl")
        let cli = try CLI()
        defer { cli.directory.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["demo", "--keep", "--examples", Fixtures.repositoryRoot.path]
        process.currentDirectoryURL = cli.directory.url
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try Shell.launch(process)
        defer {
            if process.isRunning {
                kill(process.processIdentifier, SIGINT)
                process.waitUntilExit()
            }
        }
        // Read until the demo names the web catalog (or ends, or five minutes pass).
        var text = ""
        let deadline = Date().addingTimeInterval(300)
        while !text.contains("Nodes and ports:") && Date() < deadline {
            let chunk = PipeRead.chunk(output.fileHandleForReading)
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let line = try #require(
            text.split(separator: "\n").first { $0.contains("/origins/medicalmountains") }, "no web address in: \(text)"
        )
        let page = try #require(line.split(separator: " ").first { $0.hasPrefix("https://") }.map(String.init))
        let workspace = try #require(text.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        let certificate = "\(workspace)/clusterplattform/tls/cert.pem"
        for address in [page, page.replacingOccurrences(of: "/origins/medicalmountains", with: "/?q=Reinraum")] {
            let answer = try Shell.run(
                "curl", ["-sS", "--cacert", certificate, "-w", "\n%{http_code} %{content_type}", address])
            #expect(answer.status == 0, "\(address): \(answer.stderr)")
            #expect(answer.stdout.hasSuffix("200 text/html; charset=utf-8"), "\(address): \(answer.stdout.suffix(200))")
            #expect(answer.stdout.contains("MedicalMountains") || answer.stdout.contains("medicalmountains"))
        }
        // Every payload of the example federation, as the national node holds and serves it,
        // meets docs/schemas.
        try Tool.requirePython(module: "jsonschema")
        let base = String(page[..<(page.range(of: "/origins/")?.lowerBound ?? page.endIndex)])
        let checked = try Shell.run(
            "python3",
            [Fixtures.repositoryRoot.appendingPathComponent("scripts/check-payloads.py").path, "--url", base],
            timeLimit: .seconds(120))
        #expect(checked.status == 0, "\(checked.stdout.suffix(3000)) \(checked.stderr.suffix(1000))")
        #expect(checked.stdout.contains(" 0 failures") && checked.stdout.contains("endorsement"), "\(checked.stdout)")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: workspace)
    }
}
