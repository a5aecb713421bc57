import CatalogCore
import Foundation
import Yams

/// Reads JSON and YAML catalogs: a list of entries, or an object whose `entries` field is that list.
/// Each entry is decoded on its own, so one bad entry does not hide the problems of the others.
enum DocumentReader {
    static func read(json data: Data, name: String) throws -> [ParsedEntry] {
        do {
            return try JSONDecoder().decode(Document.self, from: data).parsed
        } catch {
            throw ImportFailure(file: name, problems: [ImportProblem(name, "not a JSON catalog: \(describe(error))")])
        }
    }

    static func read(yaml text: String, name: String) throws -> [ParsedEntry] {
        do {
            return try YAMLDecoder().decode(Document.self, from: text).parsed
        } catch {
            throw ImportFailure(file: name, problems: [ImportProblem(name, "not a YAML catalog: \(describe(error))")])
        }
    }

    private static func describe(_ error: any Error) -> String {
        if error is DecodingError { return DecodingErrorText.describe(error) }
        return "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
    }

    /// The top level: `[entry, ...]` or `{"entries": [entry, ...]}`.
    struct Document: Decodable {
        let parsed: [ParsedEntry]

        enum CodingKeys: String, CodingKey { case entries }

        init(from decoder: any Decoder) throws {
            let attempts: [Attempt]
            if var list = try? decoder.unkeyedContainer() {
                var items: [Attempt] = []
                while !list.isAtEnd { items.append(try list.decode(Attempt.self)) }
                attempts = items
            } else {
                let object = try decoder.container(keyedBy: CodingKeys.self)
                guard object.contains(.entries) else {
                    throw DecodingError.dataCorrupted(
                        .init(
                            codingPath: [], debugDescription: "expected a list of entries or an object with 'entries'"))
                }
                attempts = try object.decode([Attempt].self, forKey: .entries)
            }
            parsed = attempts.enumerated().map { index, attempt in attempt.parsed(position: index + 1) }
        }
    }

    /// One entry's decoding, kept whether it worked or not.
    struct Attempt: Decodable {
        let result: Result<Entry, any Error>
        let id: String?
        let prefixLength: Int

        struct IDOnly: Decodable { let id: String? }

        init(from decoder: any Decoder) throws {
            prefixLength = decoder.codingPath.count
            id = try? IDOnly(from: decoder).id
            do {
                result = .success(try Entry(from: decoder))
            } catch {
                result = .failure(error)
            }
        }

        func parsed(position: Int) -> ParsedEntry {
            let place = id.map { "entry \(position) (\($0))" } ?? "entry \(position)"
            switch result {
            case .success(let entry):
                return ParsedEntry(entry: entry, problems: [], location: { _ in place })
            case .failure(let error):
                let message = DecodingErrorText.describe(error, droppingPrefix: prefixLength)
                return ParsedEntry(entry: nil, problems: [ImportProblem(place, message)], location: { _ in place })
            }
        }
    }
}
