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

    /// The most nodes a YAML catalog may expand to, beyond one per byte of the file: aliases may
    /// share a contact or a location, not multiply a document (a "billion laughs" file of a few
    /// kilobytes would otherwise take minutes to decode).
    static let yamlExpansionAllowance = 10_000

    static func read(yaml text: String, name: String) throws -> [ParsedEntry] {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ImportFailure(file: name, problems: [ImportProblem(name, "not a YAML catalog: \(describe(error))")])
        }
        let bound = text.utf8.count + yamlExpansionAllowance
        guard let node else {
            throw ImportFailure(file: name, problems: [ImportProblem(name, "not a YAML catalog: the file is empty")])
        }
        guard fits(node, within: bound) else {
            throw ImportFailure(
                file: name,
                problems: [
                    ImportProblem(
                        name,
                        "its aliases expand to more than \(bound) YAML nodes (one per byte of the file, plus "
                            + "\(yamlExpansionAllowance)); write the entries out instead of repeating them by alias")
                ])
        }
        do {
            return try YAMLDecoder().decode(Document.self, from: node).parsed
        } catch {
            throw ImportFailure(file: name, problems: [ImportProblem(name, "not a YAML catalog: \(describe(error))")])
        }
    }

    /// Whether the document, every alias expanded, has at most `bound` nodes; stops counting as
    /// soon as it has more, so the answer takes no longer than the bound.
    static func fits(_ root: Node, within bound: Int) -> Bool {
        var pending = [root]
        var count = 0
        while let node = pending.popLast() {
            count += 1
            if count > bound { return false }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    pending.append(key)
                    pending.append(value)
                }
            case .sequence(let sequence):
                pending.append(contentsOf: sequence)
            case .scalar, .alias:
                continue
            }
        }
        return true
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
