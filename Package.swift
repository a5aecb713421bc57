// swift-tools-version: 6.2
import PackageDescription

/// Our own targets treat warnings as errors; dependencies keep their own settings.
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "clusternode",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "clusternode", targets: ["clusternode"]),
        .library(name: "CatalogCore", targets: ["CatalogCore"]),
        .library(name: "CatalogImport", targets: ["CatalogImport"]),
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
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        // Entry model, vocabularies, validation, DSSE envelopes, keys, heads. No I/O.
        .target(
            name: "CatalogCore",
            dependencies: [
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
        // Reading catalogs from the files a cluster office keeps: JSON, YAML, CSV.
        .target(
            name: "CatalogImport",
            dependencies: [
                "CatalogCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ],
            swiftSettings: strict
        ),
        // SQLite through GRDB: one facade, migrations, records.
        .target(
            name: "CatalogStore",
            dependencies: [
                "CatalogCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // A node's data directory: config, keys, TLS material, and the signed write path.
        .target(
            name: "CatalogNode",
            dependencies: [
                "CatalogCore",
                "CatalogStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // Federation: peer files, trust decisions, the HTTPS client and the pull algorithm.
        .target(
            name: "CatalogSync",
            dependencies: [
                "CatalogCore",
                "CatalogStore",
                "CatalogNode",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // The HTTPS API: Hummingbird application, routes, TLS, metrics.
        .target(
            name: "CatalogServer",
            dependencies: [
                "CatalogCore",
                "CatalogStore",
                "CatalogNode",
                "CatalogSync",
                "CatalogReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // National overviews, and calendar and schema.org exports.
        .target(
            name: "CatalogReports",
            dependencies: ["CatalogCore", "CatalogStore", "CatalogNode", "CatalogSync"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "clusternode",
            dependencies: [
                "CatalogCore",
                "CatalogImport",
                "CatalogStore",
                "CatalogNode",
                "CatalogSync",
                "CatalogServer",
                "CatalogReports",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
                "CatalogBench", "CatalogCore", "CatalogStore", "CatalogNode", "CatalogSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "CatalogTestSupport",
            dependencies: [
                "CatalogCore", "CatalogImport", "CatalogStore", "CatalogNode",
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
            name: "CatalogImportTests",
            dependencies: ["CatalogCore", "CatalogImport", "CatalogTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogStoreTests",
            dependencies: ["CatalogCore", "CatalogStore", "CatalogTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogNodeTests",
            dependencies: ["CatalogCore", "CatalogImport", "CatalogStore", "CatalogNode", "CatalogTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogSyncTests",
            dependencies: [
                "CatalogCore", "CatalogStore", "CatalogSync", "CatalogTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogReportsTests",
            dependencies: [
                "CatalogCore", "CatalogImport", "CatalogStore", "CatalogNode", "CatalogReports", "CatalogTestSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogServerTests",
            dependencies: [
                "CatalogCore", "CatalogStore", "CatalogServer", "CatalogSync", "CatalogReports", "CatalogTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ClusterNodeCLITests",
            dependencies: [
                "clusternode", "clusterbench", "CatalogCore", "CatalogStore", "CatalogNode", "CatalogSync",
                "CatalogTestSupport",
            ],
            swiftSettings: strict
        ),
    ]
)
