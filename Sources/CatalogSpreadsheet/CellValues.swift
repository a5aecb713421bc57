import CatalogCore

/// Turns a cell as stored into the text a person sees in it.
struct CellValues {
    let strings: [String]
    let dateStyles: DateStyles
    let date1904: Bool

    func text(of cell: WorksheetXML.Cell, row: Int, name: String) throws -> String {
        let value = cell.v ?? ""
        switch cell.t {
        case "s":
            guard let index = Int(value), strings.indices.contains(index) else {
                throw CatalogError(
                    .invalidInput,
                    "\(name): cell \(cell.r ?? "in row \(row)") names shared string \(value), which the workbook lacks")
            }
            return strings[index]
        case "inlineStr": return cell.inline?.text ?? value
        case "b": return value == "1" ? "true" : "false"
        case "str", "e": return value
        case "d": return Self.isoDateText(value)
        default:
            guard let number = Double(value), number.isFinite else { return value }
            if let style = cell.s, dateStyles.isDate(style: style) {
                return ExcelDate.text(serial: number, date1904: date1904) ?? value
            }
            return Self.plain(number)
        }
    }

    /// `8`, not `8.0`; `7.5`; at most 15 significant digits, as Excel shows a number
    /// (`=0,1+0,2` is stored as 0.30000000000000004 and shown, and read, as 0.3).
    static func plain(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        let shown = Double(String(format: "%.15g", number)) ?? number
        if shown == shown.rounded(), abs(shown) < 1e15 { return String(Int(shown)) }
        return String(shown)
    }

    /// A `d` cell's ISO 8601 text without seconds that are zero: `2027-03-15T09:00`.
    static func isoDateText(_ text: String) -> String {
        var text = text
        if text.hasSuffix("Z") { text.removeLast() }
        if text.count == 19, text.hasSuffix(":00"), text.contains("T") { text.removeLast(3) }
        if text.hasSuffix("T00:00") { text.removeLast(6) }
        return text
    }
}

/// Which cell formats show a number as a date: the built-in date formats, and custom ones whose
/// code has a day or year part outside quotes and brackets.
struct DateStyles {
    private var dateFormatOfStyle: [Bool] = []

    init() {}

    init(_ styles: StylesXML) {
        var custom: [Int: Bool] = [:]
        for format in styles.numFmts?.numFmt ?? [] {
            if let id = format.numFmtId { custom[id] = Self.isDateCode(format.formatCode ?? "") }
        }
        dateFormatOfStyle = (styles.cellXfs?.xf ?? []).map { xf in
            guard let id = xf.numFmtId else { return false }
            return custom[id] ?? Self.builtInDateFormats.contains(id)
        }
    }

    func isDate(style: Int) -> Bool { dateFormatOfStyle.indices.contains(style) && dateFormatOfStyle[style] }

    /// ECMA-376 part 1, 18.8.30: 14–22 and 45–47 are dates and times.
    static let builtInDateFormats: Set<Int> = Set(14...22).union(45...47)

    static func isDateCode(_ code: String) -> Bool {
        var quoted = false
        var bracketed = false
        for character in code.lowercased() {
            switch character {
            case "\"": quoted.toggle()
            case "[" where !quoted: bracketed = true
            case "]" where !quoted: bracketed = false
            case "d" where !quoted && !bracketed, "y" where !quoted && !bracketed: return true
            default: continue
            }
        }
        return false
    }
}

/// Excel's date serial numbers: days since 1899-12-31 (with its 29 February 1900 that never was)
/// or, in the 1904 system, since 1904-01-01; the fraction is the time of day.
enum ExcelDate {
    static func text(serial: Double, date1904: Bool) -> String? {
        guard serial >= 0, serial < 2_958_466 else { return nil }  // up to 9999-12-31
        var days = Int(serial.rounded(.down))
        let minutes = Int(((serial - Double(days)) * 1440).rounded())
        var minuteOfDay = minutes
        if minuteOfDay == 1440 {
            days += 1
            minuteOfDay = 0
        }
        // Days from 1970-01-01.
        let unixDays: Int
        if date1904 {
            unixDays = days - 24_107
        } else {
            guard days != 60 else { return nil }  // 1900-02-29
            unixDays = days - (days < 60 ? 25_568 : 25_569)
        }
        let (year, month, day) = CivilDays.date(unixDays)
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        guard minuteOfDay > 0 else { return date }
        return date + "T\(pad(minuteOfDay / 60, 2)):\(pad(minuteOfDay % 60, 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
