// swift-tools-version: 6.2
import PackageDescription

/// Our own targets treat warnings as errors; dependencies keep their own settings.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "clusternode",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "clusternode", targets: ["clusternode"]),
        .library(name: "CatalogCore", targets: ["CatalogCore"]),
        .library(name: "CatalogImport", targets: ["CatalogImport"]),
        .library(name: "CatalogWire", targets: ["CatalogWire"]),
        .library(name: "CatalogSearch", targets: ["CatalogSearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder.git", from: "0.18.2"),
    ],
    targets: [
        // The Snowball stemmers of the system's libstemmer (Debian: libstemmer-dev).
        .systemLibrary(name: "CLibStemmer", providers: [.apt(["libstemmer-dev"])]),
        // Entry model, vocabularies, validation, text rules, DSSE envelopes, keys, heads, search
        // text folding and stemming. No I/O.
        .target(
            name: "CatalogCore",
            dependencies: [
                "CLibStemmer",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            resources: [
                .embedInCode("Vocabularies/topics.json"),
                .embedInCode("Vocabularies/kinds.json"),
                .embedInCode("Vocabularies/regions.json"),
                .embedInCode("Vocabularies/languages.json"),
                .embedInCode("Vocabularies/audiences.json"),
                .embedInCode("Vocabularies/modes.json"),
                .embedInCode("Vocabularies/formats.json"),
            ],
            swiftSettings: strict
        ),
        // What crosses the network: node description, feed header and lines, search and overview
        // answers, error bodies. Types and their checks only, no I/O: for the server, the puller and
        // any other client.
        .target(
            name: "CatalogWire",
            dependencies: ["CatalogCore"],
            swiftSettings: strict
        ),
        // One-sheet .xlsx workbooks of text cells, read and written: a zip of SpreadsheetML parts.
        .target(
            name: "CatalogSpreadsheet",
            dependencies: [
                "CatalogCore",
                .product(name: "XMLCoder", package: "XMLCoder"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        // Reading catalogs from the files a cluster office keeps: JSON, YAML, CSV, .xlsx.
        .target(
            name: "CatalogImport",
            dependencies: [
                "CatalogCore",
                "CatalogSpreadsheet",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // SQLite through GRDB: one facade, frozen migrations, records, every write that keeps an
        // invariant, and the search index kept in step with the entries.
        .target(
            name: "CatalogStore",
            dependencies: ["CatalogCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // A node's data directory: config, keys, TLS material, the signed write path, backup, and
        // the renewal of its signed head.
        .target(
            name: "CatalogNode",
            dependencies: [
                "CatalogCore",
                "CatalogStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // Trust: peer files, the trust set from pinned keys, endorsement chains and key rotations,
        // and the node's current trust, cached. Used by the puller, the server and the reports alike.
        .target(
            name: "CatalogTrust",
            dependencies: [
                "CatalogCore",
                "CatalogNode",
                "CatalogStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // Search: the query and its filters, the SQL over the store's index, ranking, facets, hints
        // and the answer with every hit's signature checked. For the CLI and the HTTP API alike.
        .target(
            name: "CatalogSearch",
            dependencies: [
                "CatalogCore",
                "CatalogNode",
                "CatalogStore",
                "CatalogTrust",
                "CatalogWire",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // National overviews, and calendar, schema.org, DCAT-AP and catalog exports.
        .target(
            name: "CatalogReports",
            dependencies: [
                "CatalogCore", "CatalogImport", "CatalogNode", "CatalogStore", "CatalogTrust", "CatalogWire",
            ],
            swiftSettings: strict
        ),
        // The web catalog for members: search, entry pages and their calendars, rendered from
        // Mustache templates compiled into the binary, in German and English.
        .target(
            name: "CatalogWeb",
            dependencies: [
                "CatalogCore",
                "CatalogNode",
                "CatalogReports",
                "CatalogSearch",
                "CatalogStore",
                "CatalogTrust",
                "CatalogWire",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [
                .embedInCode("Templates/head.mustache"),
                .embedInCode("Templates/foot.mustache"),
                .embedInCode("Templates/search.mustache"),
                .embedInCode("Templates/entry.mustache"),
                .embedInCode("Templates/error.mustache"),
                .embedInCode("Templates/hits.mustache"),
                .embedInCode("Templates/origin.mustache"),
                .embedInCode("Templates/atom.mustache"),
                .embedInCode("Templates/embed.mustache"),
                .embedInCode("Static/catalog.css"),
            ],
            swiftSettings: strict
        ),
        // The HTTPS API: Hummingbird application, routes, TLS, metrics.
        .target(
            name: "CatalogServer",
            dependencies: [
                "CatalogCore",
                "CatalogNode",
                "CatalogReports",
                "CatalogSearch",
                "CatalogStore",
                "CatalogTrust",
                "CatalogWeb",
                "CatalogWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.embedInCode("Contract/openapi.yaml")],
            swiftSettings: strict
        ),
        // The puller: the HTTPS peer client, page verification and the pull algorithm, on a timer
        // while serving.
        .target(
            name: "CatalogSync",
            dependencies: [
                "CatalogCore",
                "CatalogNode",
                "CatalogSearch",
                "CatalogStore",
                "CatalogTrust",
                "CatalogWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The command line: every command parses, calls the modules above, and prints.
        .executableTarget(
            name: "clusternode",
            dependencies: [
                "CatalogCore",
                "CatalogImport",
                "CatalogNode",
                "CatalogReports",
                "CatalogSearch",
                "CatalogServer",
                "CatalogStore",
                "CatalogSync",
                "CatalogTrust",
                "CatalogWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // The synthetic federation benchmarks and load tests are made of.
        .target(
            name: "CatalogBench",
            dependencies: ["CatalogCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // The benchmark: every budget measured beside its reference, in one run.
        .executableTarget(
            name: "clusterbench",
            dependencies: [
                "CatalogBench",
                "CatalogCore",
                "CatalogNode",
                "CatalogSearch",
                "CatalogStore",
                "CatalogTrust",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // What several test targets share: temporary nodes, fixtures, processes, proxies.
        .target(
            name: "CatalogTestSupport",
            dependencies: [
                "CatalogCore",
                "CatalogImport",
                "CatalogNode",
                "CatalogStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/CatalogTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogCoreTests",
            dependencies: ["CatalogCore", "CatalogTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogBenchTests",
            dependencies: ["CatalogBench", "CatalogCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogWireTests",
            dependencies: ["CatalogCore", "CatalogWire"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogImportTests",
            dependencies: ["CatalogCore", "CatalogImport", "CatalogSpreadsheet", "CatalogTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogStoreTests",
            dependencies: [
                "CatalogCore",
                "CatalogStore",
                "CatalogTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogNodeTests",
            dependencies: [
                "CatalogCore",
                "CatalogImport",
                "CatalogNode",
                "CatalogStore",
                "CatalogTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogTrustTests",
            dependencies: ["CatalogCore", "CatalogNode", "CatalogTestSupport", "CatalogTrust"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogSearchTests",
            dependencies: [
                "CatalogCore",
                "CatalogSearch",
                "CatalogStore",
                "CatalogTestSupport",
                "CatalogWire",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogSyncTests",
            dependencies: [
                "CatalogCore",
                "CatalogNode",
                "CatalogStore",
                "CatalogSync",
                "CatalogTestSupport",
                "CatalogTrust",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogReportsTests",
            dependencies: [
                "CatalogCore",
                "CatalogImport",
                "CatalogNode",
                "CatalogReports",
                "CatalogSearch",
                "CatalogStore",
                "CatalogTestSupport",
                "CatalogTrust",
                "CatalogWire",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogServerTests",
            dependencies: [
                "CatalogCore",
                "CatalogImport",
                "CatalogNode",
                "CatalogReports",
                "CatalogServer",
                "CatalogStore",
                "CatalogTestSupport",
                "CatalogWeb",
                "CatalogWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ClusterNodeCLITests",
            dependencies: [
                "clusternode",
                "clusterbench",
                "CatalogCore",
                "CatalogNode",
                "CatalogStore",
                "CatalogSync",
                "CatalogTestSupport",
                "CatalogTrust",
                "CatalogWire",
            ],
            swiftSettings: strict
        ),
    ]
)
