import Crypto
import Foundation

/// The digest a head signs over an origin's live federated catalog.
///
/// Definition (protocol v1): sort the live entries by id, comparing the ids' UTF-8 bytes; for each,
/// write the line `id SP seq SP sha256hex(payload) LF` (seq in ASCII decimal, hex lowercase); the
/// digest is `sha256:` and the lowercase hex SHA-256 of all lines. An empty catalog hashes no lines.
public enum CatalogDigest {
    public struct Line: Sendable, Hashable {
        public let id: String
        public let seq: Int64
        public let payloadHash: String

        public init(id: String, seq: Int64, payloadHash: String) {
            self.id = id
            self.seq = seq
            self.payloadHash = payloadHash
        }
    }

    public static func compute(_ lines: [Line]) -> String {
        var digest = Builder()
        for line in lines.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            digest.append(line)
        }
        return digest.finish()
    }

    /// The digest of lines that arrive already sorted by id (as SQLite's `ORDER BY id` gives them:
    /// its default collation compares bytes), without keeping them: memory stays the same however
    /// large the catalog.
    public struct Builder {
        private var hasher = SHA256()
        private var lastID: String?

        public init() {}

        /// Adds the next line; throws if it comes before the previous one in id order.
        public mutating func add(_ line: Line) throws {
            if let lastID, line.id.utf8.lexicographicallyPrecedes(lastID.utf8) {
                throw CatalogError(.invalidInput, "catalog lines out of order: '\(line.id)' after '\(lastID)'")
            }
            append(line)
        }

        mutating func append(_ line: Line) {
            lastID = line.id
            hasher.update(data: Data("\(line.id) \(line.seq) \(line.payloadHash)\n".utf8))
        }

        public func finish() -> String {
            "sha256:" + Hex.encode(hasher.finalize())
        }
    }

    /// Whether `text` has a digest's form: `sha256:` and 64 lowercase hex digits.
    public static func isDigestForm(_ text: String) -> Bool {
        let hex = text.utf8.dropFirst(7)
        return text.hasPrefix("sha256:") && hex.count == 64
            && hex.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            }
    }

    /// The lowercase hex SHA-256 of an envelope's payload bytes.
    public static func payloadHash(_ payload: Data) -> String {
        Hex.encode(SHA256.hash(data: payload))
    }
}
