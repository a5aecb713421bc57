import CatalogCore
import CatalogImport

/// Reads `--session start=2027-03-15T09:00,end=2027-03-15T17:00,mode=onsite,city=Tuttlingen,region=DE-BW`.
/// Keys: start, end, mode (required); id, venue, street, postal-code, city, region, online-url,
/// language, seats, deadline, status. A value may contain commas; only `,key=` starts a new key.
enum SessionOption {
    static let keys: Set<String> = [
        "id", "start", "end", "mode", "venue", "street", "postal-code", "city", "region", "online-url", "language",
        "seats", "deadline", "status",
    ]

    static func parse(_ spec: String) throws -> Session {
        var values: [String: String] = [:]
        var current: String?
        for piece in spec.split(separator: ",", omittingEmptySubsequences: false) {
            if let equals = piece.firstIndex(of: "="), keys.contains(String(piece[..<equals]).lowercased()) {
                let key = String(piece[..<equals]).lowercased()
                guard values[key] == nil else { throw error(spec, "gives \(key) twice") }
                values[key] = String(piece[piece.index(after: equals)...]).trimmed
                current = key
            } else if let key = current {
                values[key, default: ""] += "," + piece
            } else {
                throw error(spec, "'\(piece)' is not key=value (keys: \(keys.sorted().joined(separator: ", ")))")
            }
        }
        guard let start = values["start"], let end = values["end"], let mode = values["mode"] else {
            throw error(spec, "needs start=, end= and mode=")
        }
        let location = values["city"].map {
            Location(
                name: values["venue"], street: values["street"], postalCode: values["postal-code"], city: $0,
                region: values["region"])
        }
        return Session(
            id: values["id"],
            start: try FieldText.dateTime(start),
            end: try FieldText.dateTime(end),
            mode: try FieldText.mode(mode),
            location: location,
            onlineUrl: values["online-url"],
            language: values["language"],
            seats: try values["seats"].map(FieldText.integer),
            registrationDeadline: try values["deadline"].map(FieldText.date),
            status: try values["status"].map { try FieldText.closed($0, as: SessionStatus.self) })
    }

    private static func error(_ spec: String, _ problem: String) -> FieldText.CellError {
        FieldText.CellError(message: "--session '\(spec)' \(problem)")
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
