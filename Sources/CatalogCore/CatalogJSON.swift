import Foundation

/// The JSON settings used for everything the catalog writes: sorted keys and unescaped slashes
/// give stable, readable bytes. Signatures never depend on them: they cover the bytes as written.
public enum CatalogJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A decoder for payloads that arrive over the wire: unknown fields are tolerated there, so that
    /// nodes of an older version can still relay entries written by a newer one.
    public static func wireDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.userInfo[UnknownFields.allowKey] = true
        return decoder
    }

    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        do {
            return try encoder(pretty: pretty).encode(value)
        } catch {
            throw CatalogError(.invalidInput, "cannot encode \(T.self) as JSON: \(error)")
        }
    }
}
