// swift-tools-version: 6.2
// libFuzzer targets for the parsers that take input from outside. Built and run by scripts/fuzz.sh
// with `-sanitize=fuzzer,address`; not part of the main package's build.
import PackageDescription

let fuzzer: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])]
let linker: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "clusternode-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "clusternode", path: "..")],
    targets: [
        // Hands each target's entry point over to libFuzzer's driver (declared with `@_extern(c)`).
        .target(name: "FuzzDriver", swiftSettings: [.enableExperimentalFeature("Extern")]),
        .executableTarget(
            name: "FuzzEnvelope", dependencies: ["FuzzDriver", .product(name: "CatalogCore", package: "clusternode")],
            swiftSettings: fuzzer, linkerSettings: linker),
        .executableTarget(
            name: "FuzzEntryValidator",
            dependencies: ["FuzzDriver", .product(name: "CatalogCore", package: "clusternode")],
            swiftSettings: fuzzer, linkerSettings: linker),
        .executableTarget(
            name: "FuzzCSVImport",
            dependencies: [
                "FuzzDriver", .product(name: "CatalogCore", package: "clusternode"),
                .product(name: "CatalogImport", package: "clusternode"),
            ],
            swiftSettings: fuzzer, linkerSettings: linker),
        .executableTarget(
            name: "FuzzSearchQuery",
            dependencies: [
                "FuzzDriver", .product(name: "CatalogCore", package: "clusternode"),
                .product(name: "CatalogSearch", package: "clusternode"),
            ],
            swiftSettings: fuzzer, linkerSettings: linker),
    ]
)
