import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// The wire contract, checked from outside by tools that never saw the Swift code: the Python
/// test vector checker, the JSON Schemas against what real nodes serve, and the OpenAPI document
/// against a live node (openapi-spec-validator, schemathesis).
@Suite("The wire contract, checked from outside", .serialized, .timeLimit(.minutes(10)))
struct ContractTests {
    static let scripts = Fixtures.repositoryRoot.appendingPathComponent("scripts")
    static let document = Fixtures.repositoryRoot.appendingPathComponent("docs/openapi.yaml")

    @Test("scripts/check-test-vectors.py recomputes every vector with Python's standard library and cryptography")
    func pythonVectors() throws {
        try Tool.requirePython(module: "cryptography")
        let result = try Shell.run(
            "python3",
            [
                Self.scripts.appendingPathComponent("check-test-vectors.py").path,
                Fixtures.repositoryRoot.appendingPathComponent("docs/test-vectors").path,
            ])
        #expect(result.status == 0, "\(result.stdout.suffix(3000)) \(result.stderr.suffix(2000))")
        let summary = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.hasPrefix("all ") && summary.hasSuffix(" checks passed"), "\(summary)")
        let count = Int(summary.split(separator: " ").dropFirst().first ?? "") ?? 0
        #expect(count > 500, "\(summary)")
    }

    /// mm → bw → de, after mm withdrew an entry and rotated its key (served anew since) and bw
    /// endorsed the new key: every kind of payload, retired keys and relayed entries are served.
    static func federationWithHistory() throws -> Federation {
        let fed = try Federation.relayChain()
        let withdrawn = try #require(try fed.ids("mm", origin: "mm").first)
        try fed.cli.succeed(["entries", "remove", "--dir", "mm", withdrawn])
        let rotated = try fed.cli.json(["key", "rotate", "--dir", "mm"]) as? [String: Any]
        let newKey = try #require(rotated?["newKey"] as? String)
        fed.stop("mm")
        try fed.serve("mm")
        try fed.endorse("bw", "mm", extra: ["--key", newKey])
        #expect(try fed.sync("bw").peers.first?.refused == [])
        #expect(try fed.sync("de").peers.first?.refused == [])
        try fed.serve("de")
        return fed
    }

    @Test(
        "every payload a cluster, its agency and the national node serve meets docs/schemas, after a withdrawal and a key rotation"
    )
    func payloadSchemas() throws {
        try Tool.requirePython(module: "jsonschema")
        let fed = try Self.federationWithHistory()
        defer { fed.shutDown() }

        let script = Self.scripts.appendingPathComponent("check-payloads.py").path
        #expect(try Shell.run("python3", [script, "--self-test"]).status == 0)
        var kinds: Set<String> = []
        for dir in ["mm", "bw", "de"] {
            let server = try #require(fed.server(dir))
            let result = try Shell.run("python3", [script, "--url", server.url], timeLimit: .seconds(120))
            #expect(result.status == 0, "\(dir): \(result.stdout.suffix(3000)) \(result.stderr.suffix(1000))")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.last?.hasSuffix(" 0 failures") == true, "\(dir): \(lines.last ?? "")")
            let types = lines.first { $0.hasPrefix("by type: ") }?.dropFirst("by type: ".count) ?? ""
            for part in types.split(separator: ",") {
                if let name = part.split(separator: " ").first { kinds.insert(String(name)) }
            }
        }
        #expect(kinds.isSuperset(of: ["entry", "tombstone", "head", "endorsement", "key-rotation"]), "\(kinds)")
    }

    @Test("docs/openapi.yaml is a valid OpenAPI 3.1 document")
    func documentValid() throws {
        try Tool.requirePython(module: "openapi_spec_validator", package: "openapi-spec-validator")
        let result = try Shell.run("python3", ["-m", "openapi_spec_validator", Self.document.path])
        #expect(result.status == 0 && result.stdout.contains("OK"), "\(result.stdout) \(result.stderr)")
    }

    /// schemathesis generates requests from the document for every operation, valid and invalid,
    /// and checks each answer: no server error, a documented status, content type and headers, and
    /// a body that meets its schema. Bounded in examples (about a minute on two cores).
    @Test("schemathesis finds no answer of a live cluster or national node that departs from docs/openapi.yaml")
    func schemathesis() throws {
        try Tool.requirePython(module: "schemathesis")
        let fed = try Self.federationWithHistory()
        defer { fed.shutDown() }
        // Path parameters come from the nodes' own names and ids as often as not, so that the
        // entry and origin routes answer entries, not only 404s; a feed request waits at most a
        // second (each may otherwise be held a minute).
        let ids = try fed.ids("de", origin: "mm").map { "\"\($0)\"" }.joined(separator: ", ")
        let config = fed.cli.directory.file("schemathesis.toml")
        try Data(
            """
            [dictionaries.origins]
            values = ["mm", "bw", "de"]
            [dictionaries.waits]
            values = [0, 1]
            [dictionaries.ids]
            values = [\(ids)]
            [parameters]
            "path.origin" = { dictionary = "origins", probability = 0.6 }
            "path.id" = { dictionary = "ids", probability = 0.6 }
            "query.wait" = { dictionary = "waits", probability = 1.0 }

            """.utf8
        ).write(to: config)
        for dir in ["de", "mm"] {
            let server = try #require(fed.server(dir))
            let result = try Shell.run(
                "python3",
                [
                    "-m", "schemathesis.cli", "--config-file", config.path, "run", Self.document.path, "--url",
                    server.url, "--tls-verify",
                    fed.cli.directory.file("\(dir)/tls/cert.pem").path, "--checks", "all", "--exclude-checks",
                    "positive_data_acceptance", "--max-examples", dir == "de" ? "60" : "25", "--workers", "2",
                    "--seed", "20261204", "--no-color",
                ], directory: fed.cli.directory.url, timeLimit: .seconds(300))
            #expect(result.status == 0, "\(dir): \(result.stdout.suffix(6000)) \(result.stderr.suffix(2000))")
            #expect(result.stdout.contains("No issues found") || result.stdout.contains("passed"), "\(dir)")
        }
    }
}
