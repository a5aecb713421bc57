import Foundation

/// The external programs tests use as independent checks. A missing one fails the test with a
/// message naming it and what provides it; no test skips for want of a tool.
public enum Tool {
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// Where each tool comes from, for the message when it is missing (`.ci/run` installs them).
    static let providers: [String: String] = [
        "openssl": "the Debian package openssl", "sqlite3": "the Debian package sqlite3",
        "curl": "the Debian package curl", "chromium": "the Debian package chromium",
        "chromedriver": "the Debian package chromium-driver",
        "python3": "Python 3", "sha256sum": "coreutils", "timeout": "coreutils",
    ]

    /// Throws `Missing` unless `name` is an executable on PATH.
    public static func require(_ name: String) throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
        guard found else {
            throw Missing(
                description: "the test needs \(name), which is not installed (\(providers[name] ?? "see .ci/run"); "
                    + ".ci/run installs what the tests use)")
        }
    }

    /// Throws `Missing` unless python3 can import `module` (from the PyPI package `package`).
    public static func requirePython(module: String, package: String? = nil) throws {
        try require("python3")
        let result = try Shell.run("python3", ["-c", "import \(module)"])
        guard result.status == 0 else {
            throw Missing(
                description: "the test needs the Python package \(package ?? module), which is not installed "
                    + "(python3 -m pip install \(package ?? module); .ci/run installs it)")
        }
    }
}
