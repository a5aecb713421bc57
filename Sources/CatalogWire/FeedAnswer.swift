import CatalogCore
import Foundation

/// An NDJSON answer split into its header and envelope lines, each envelope line kept byte for byte.
public struct FeedAnswer: Sendable {
    public let header: FeedHeader
    public let lines: [Data]
    /// The size of the answer's body, header line included.
    public let bodyBytes: Int

    public init(parsing body: Data) throws {
        bodyBytes = body.count
        var lines = Self.lines(of: body)
        guard !lines.isEmpty else { throw CatalogError(.invalidInput, "empty feed answer") }
        let headerLine = lines.removeFirst()
        do {
            header = try JSONDecoder().decode(FeedHeader.self, from: headerLine)
        } catch {
            throw CatalogError(.invalidInput, "feed header: \(DecodingErrorText.describe(error))")
        }
        guard header.count == lines.count else {
            throw CatalogError(.invalidInput, "feed announced \(header.count) envelopes but sent \(lines.count)")
        }
        self.lines = lines
    }

    /// The NDJSON text of a header and envelope lines, as a server writes it.
    public static func encode(header: FeedHeader, envelopes: [Data]) throws -> Data {
        var out = try CatalogJSON.encode(header)
        out.append(UInt8(ascii: "\n"))
        for envelope in envelopes {
            out.append(envelope)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// The non-empty lines of `body`, scanned over its bytes (a page holds thousands).
    static func lines(of body: Data) -> [Data] {
        body.withUnsafeBytes { raw in
            var lines: [Data] = []
            var start = 0
            while start < raw.count {
                let end = raw[start...].firstIndex(of: UInt8(ascii: "\n")) ?? raw.count
                if end > start { lines.append(Data(raw[start..<end])) }
                start = end + 1
            }
            return lines
        }
    }
}
