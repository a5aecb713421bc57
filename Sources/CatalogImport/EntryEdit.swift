import CatalogCore
import Foundation

/// Changes to one entry as an office types them: `title.de=GMP-Grundlagen`, `sessions[2].mode=online`,
/// `price=1.250 €`, `topics=medtech|biotech`, `url=` (empty: the field is cleared). Paths follow the
/// entry's JSON fields (docs/PROTOCOL.md); sessions are numbered from 1, as `entries show` lists
/// them. Values are read as the CSV reads its cells: dates as `2027-03-15` or `15.03.2027`,
/// prices as `450 EUR` or `kostenlos`, lists split at `|` or `,`.
public enum EntryEdit {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The entry with every assignment applied in order, then `addSessions` appended, then the
    /// sessions numbered in `cancelSessions` marked cancelled.
    public static func apply(
        to entry: Entry, set assignments: [String], addSessions: [Session] = [], cancelSessions: [Int] = []
    ) throws -> Entry {
        guard var object = try JSONSerialization.jsonObject(with: CatalogJSON.encode(entry)) as? [String: Any] else {
            throw Failure(description: "the entry cannot be edited")
        }
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw Failure(description: "--set '\(assignment)' is not FIELD=VALUE")
            }
            let path = try parse(String(assignment[..<equals]).trimmingCharacters(in: .whitespaces))
            let text = String(assignment[assignment.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            if text.isEmpty, path == [.key("sessions")] {
                throw Failure(
                    description: "--set sessions= would delete every session; cancel them with --cancel-session N")
            }
            let value: Any? = text.isEmpty ? nil : try convert(text, for: path, current: object)
            object = try set(value, at: path[...], in: object, whole: path) as? [String: Any] ?? object
        }
        var edited: Entry
        do {
            edited = try JSONDecoder().decode(
                Entry.self, from: JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        } catch {
            throw Failure(description: "the edited entry is not valid: \(DecodingErrorText.describe(error))")
        }
        edited.sessions += addSessions
        for number in cancelSessions {
            guard edited.sessions.indices.contains(number - 1) else {
                throw Failure(description: "--cancel-session \(number): \(sessionCount(edited))")
            }
            edited.sessions[number - 1].status = .cancelled
        }
        guard edited.id == entry.id else { throw Failure(description: "an entry's id cannot be edited") }
        return TermInput.resolved(edited)
    }

    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// `sessions[2].location.city` → key sessions, index 1, key location, key city.
    static func parse(_ path: String) throws -> [Step] {
        var steps: [Step] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(part)
            var indexes: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let number = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), number >= 1
                else {
                    throw Failure(description: "--set \(path): '\(part)' needs a number from 1 in its brackets")
                }
                indexes.insert(number - 1, at: 0)
                name = name[..<open]
            }
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw Failure(description: "--set \(path): '\(part)' is not a field name")
            }
            steps.append(.key(String(name)))
            steps += indexes.map(Step.index)
        }
        return steps
    }

    private static let localizedFields: Set<String> = ["title", "summary", "description"]
    private static let listFields: Set<String> = ["topics", "keywords", "audience", "regions", "languages"]

    /// The JSON value a typed text stands for at `path`.
    static func convert(_ text: String, for path: [Step], current: [String: Any]) throws -> Any {
        guard case .key(let first) = path.first else { throw Failure(description: "--set needs a field name") }
        let last =
            path.reversed().compactMap { step -> String? in
                if case .key(let name) = step { return name }
                return nil
            }.first ?? first
        let location = describe(path)
        func cell<T>(_ body: (String) throws -> T) throws -> T {
            do {
                return try body(text)
            } catch let error as FieldText.CellError {
                throw Failure(description: "--set \(location): \(error.message)")
            }
        }
        if localizedFields.contains(first) && path.count == 1 {
            throw Failure(description: "--set \(first): say which language, \(first).de or \(first).en")
        }
        if first == "price" && path.count == 1 {
            var price = try cell(FieldText.price)
            if let old = current["price"] as? [String: Any] { price.freeForMembers = old["freeForMembers"] as? Bool }
            return try JSONSerialization.jsonObject(with: CatalogJSON.encode(price))
        }
        if path.count == 1, listFields.contains(first) { return FieldText.list(text) }
        switch last {
        case "start", "end": return try cell(FieldText.dateTime).text
        case "validFrom", "validUntil", "registrationDeadline": return try cell(FieldText.date).text
        case "mode": return try cell(FieldText.mode).rawValue
        case "seats": return try cell(FieldText.integer)
        case "durationHours": return try cell(FieldText.number)
        case "freeForMembers", "free": return try cell(FieldText.bool)
        default: return text
        }
    }

    /// `value` put at `path` inside `node`, objects made on the way; nil removes the field.
    static func set(_ value: Any?, at path: ArraySlice<Step>, in node: Any?, whole: [Step]) throws -> Any? {
        guard let step = path.first else { return value }
        switch step {
        case .key(let name):
            if node != nil && !(node is [String: Any]) {
                throw Failure(description: "--set \(describe(whole)): '\(name)' is inside a field that has no fields")
            }
            var object = node as? [String: Any] ?? [:]
            object[name] = try set(value, at: path.dropFirst(), in: object[name], whole: whole)
            return object
        case .index(let index):
            guard var list = node as? [Any], list.indices.contains(index) else {
                let count = (node as? [Any])?.count ?? 0
                throw Failure(
                    description: "--set \(describe(whole)): there are \(count) items, numbered from 1; "
                        + "add a session with --add-session")
            }
            guard let element = try set(value, at: path.dropFirst(), in: list[index], whole: whole) else {
                throw Failure(
                    description:
                        "--set \(describe(whole)): an item cannot be cleared; cancel a session with --cancel-session")
            }
            list[index] = element
            return list
        }
    }

    static func describe(_ path: [Step]) -> String {
        var text = ""
        for step in path {
            switch step {
            case .key(let name): text += (text.isEmpty ? "" : ".") + name
            case .index(let index): text += "[\(index + 1)]"
            }
        }
        return text
    }

    private static func sessionCount(_ entry: Entry) -> String {
        entry.sessions.isEmpty
            ? "the entry has no sessions" : "the entry's sessions are numbered 1 to \(entry.sessions.count)"
    }
}
