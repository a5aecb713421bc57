import CatalogCore
import CatalogWire
import Foundation
import Hummingbird

/// Response bodies built from stored bytes: envelopes go out exactly as stored.
enum Responses {
    static func json<T: Encodable>(_ value: T) throws -> Response {
        bytes(try CatalogJSON.encode(value), contentType: "application/json")
    }

    /// An NDJSON feed: the header line, then one stored envelope per line.
    static func feed(_ header: FeedHeader, envelopes: [Data]) throws -> Response {
        bytes(try FeedAnswer.encode(header: header, envelopes: envelopes), contentType: FeedHeader.contentType)
    }

    static func bytes(_ data: Data, contentType: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
