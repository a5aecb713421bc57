import CatalogCore
import Foundation

/// Reading entry values from the text people type into spreadsheet cells and command-line options.
/// Dates may be written ISO style (`2027-03-15T09:00`) or German style (`15.03.2027 09:00`),
/// prices as `450,00 EUR`, `450 €` or `kostenlos`.
public enum FieldText {
    /// A text that does not convert, with a message that says what was expected.
    public struct CellError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }

        public init(message: String) { self.message = message }
    }

    /// Splits a list cell at `|` or `,`.
    public static func list(_ cell: String) -> [String] {
        cell.split(whereSeparator: { $0 == "|" || $0 == "," })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public static func dateTime(_ cell: String) throws -> CatalogDateTime {
        let text = germanDateTime(cell) ?? cell
        guard let value = CatalogDateTime(text) else {
            throw CellError(message: "'\(cell)' is not a real date and time (2027-03-15T09:00 or 15.03.2027 09:00)")
        }
        return value
    }

    public static func date(_ cell: String) throws -> CatalogDate {
        guard let value = CatalogDate(reading: cell) else {
            throw CellError(message: "'\(cell)' is not a real date (2027-03-15 or 15.03.2027)")
        }
        return value
    }

    public static func number(_ cell: String) throws -> Double {
        guard let value = Double(cell.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
            throw CellError(message: "'\(cell)' is not a number")
        }
        return value
    }

    public static func integer(_ cell: String) throws -> Int {
        guard let value = Int(cell) else { throw CellError(message: "'\(cell)' is not a whole number") }
        return value
    }

    public static func bool(_ cell: String) throws -> Bool {
        switch cell.lowercased() {
        case "yes", "ja", "true", "wahr", "1", "x": return true
        case "no", "nein", "false", "falsch", "0": return false
        default: throw CellError(message: "'\(cell)' is not yes or no (ja/nein)")
        }
    }

    public static func closed<T: ClosedSetDecodable>(_ cell: String, as type: T.Type) throws -> T {
        guard let value = T.parse(cell) else {
            throw CellError(message: "'\(cell)' is not one of \(T.allowedValues)")
        }
        return value
    }

    /// A session mode by any of its names: `onsite`, `Präsenz`, `vor Ort`, `online`, `Hybrid`.
    public static func mode(_ cell: String) throws -> SessionMode {
        guard let mode = SessionMode(named: cell) else {
            throw CellError(message: Vocabularies.modes.unknownValueMessage(cell, what: "a session mode"))
        }
        return mode
    }

    private static let freeWords: Set<String> = ["free", "kostenlos", "gratis", "kostenfrei", "0", "0.00", "0,00"]
    private static let currencySymbols: [String: String] = ["€": "EUR", "$": "USD", "£": "GBP", "fr.": "CHF"]

    /// `kostenlos` → free; `450,00 EUR`, `450 €`, `EUR 450` → 450.00 EUR; a bare amount is in EUR.
    public static func price(_ cell: String) throws -> Price {
        let lowered = cell.lowercased()
        if freeWords.contains(lowered) { return .gratis }
        var currency = "EUR"
        var rest = cell
        for (symbol, code) in currencySymbols where rest.lowercased().contains(symbol) {
            currency = code
            rest = rest.replacingOccurrences(of: symbol, with: "", options: .caseInsensitive)
        }
        let parts = rest.split(separator: " ").map(String.init)
        var amount: String?
        for part in parts {
            if part.count == 3, part.allSatisfy({ $0.isLetter }) {
                currency = part.uppercased()
            } else if amount == nil {
                amount = part
            } else {
                throw CellError(message: "'\(cell)' is not a price such as 450.00 EUR or free")
            }
        }
        guard var amount, amount.first?.isNumber == true else {
            throw CellError(message: "'\(cell)' is not a price such as 450.00 EUR or free")
        }
        // German thousands separators: 1.250,00 → 1250.00, and 1.250 (three digits after each dot,
        // which no amount of money has) → 1250.
        if amount.contains(","), amount.contains("."), let comma = amount.lastIndex(of: ","),
            let dot = amount.lastIndex(of: "."), dot > comma
        {
            // English grouping: 1,250.00 → 1250.00.
            amount = amount.replacingOccurrences(of: ",", with: "")
        } else if amount.contains(",") || isGroupedThousands(amount) {
            amount = amount.replacingOccurrences(of: ".", with: "")
        }
        amount = amount.replacingOccurrences(of: ",", with: ".")
        return Price(amount: amount, currency: currency)
    }

    /// `1.250` or `12.500.000`: digits grouped in threes by dots.
    static func isGroupedThousands(_ amount: String) -> Bool {
        let groups = amount.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count > 1, (1...3).contains(groups[0].count) else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isASCIIDigitCharacter) }
            && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// `15.03.2027 09:00` → `2027-03-15T09:00`.
    static func germanDateTime(_ cell: String) -> String? {
        let pieces = cell.split(separator: " ", omittingEmptySubsequences: true)
        guard pieces.count == 2, let day = CatalogDate.isoForm(ofGerman: String(pieces[0])) else { return nil }
        var time = String(pieces[1])
        if time.count == 4 { time = "0" + time }  // 9:00
        return "\(day)T\(time)"
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
