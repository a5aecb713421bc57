// swift-tools-version: 6.2
// libFuzzer targets for the parsers that take input from outside. Built and run by scripts/fuzz.sh
// with `-sanitize=fuzzer,address`; not part of the main package's build.
import PackageDescription

// SwiftPM links an executable target's entry point as TARGET_main; each target's TARGET_main hands
// over to libFuzzer's driver (LLVMFuzzerRunDriver), declared with `@_extern(c)`.
let fuzzer: [SwiftSetting] = [
    .unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"]), .enableExperimentalFeature("Extern"),
]
let linker: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "clusternode-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "clusternode", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzEnvelope", dependencies: [.product(name: "CatalogCore", package: "clusternode")],
            swiftSettings: fuzzer, linkerSettings: linker),
        .executableTarget(
            name: "FuzzEntryValidator", dependencies: [.product(name: "CatalogCore", package: "clusternode")],
            swiftSettings: fuzzer, linkerSettings: linker),
        .executableTarget(
            name: "FuzzCSVImport",
            dependencies: [
                .product(name: "CatalogCore", package: "clusternode"),
                .product(name: "CatalogImport", package: "clusternode"),
            ],
            swiftSettings: fuzzer, linkerSettings: linker),
        .executableTarget(
            name: "FuzzSearchQuery", dependencies: [.product(name: "CatalogCore", package: "clusternode")],
            swiftSettings: fuzzer, linkerSettings: linker),
    ]
)
