import CatalogCore
import Foundation

/// The rows of one entry in a CSV catalog, turned into an `Entry`. Entry columns are read from the
/// first row that fills them; a later row may leave them empty but not contradict them. Each row
/// with a `session_start` adds a session.
struct EntryRows {
    let rows: [TableCatalogReader.Row]

    private final class Problems {
        var list: [ImportProblem] = []
    }

    func parsed() -> ParsedEntry {
        let problems = Problems()
        func report(_ row: TableCatalogReader.Row, _ column: CSVColumn, _ message: String) {
            problems.list.append(ImportProblem("row \(row.number)", "\(column.rawValue): \(message)"))
        }

        // Entry columns: first filled value wins; a different value later is a contradiction.
        var values: [CSVColumn: (value: String, row: TableCatalogReader.Row)] = [:]
        for row in rows {
            for column in CSVColumn.allCases where !column.isSessionColumn {
                guard let value = row[column] else { continue }
                if let first = values[column] {
                    if first.value != value {
                        report(
                            row, column,
                            "'\(value)' differs from row \(first.row.number) of the same id ('\(first.value)')")
                    }
                } else {
                    values[column] = (value, row)
                }
            }
        }
        let firstRow = rows[0]
        func cell(_ column: CSVColumn) -> String? { values[column]?.value }
        func convert<T>(_ column: CSVColumn, _ body: (String) throws -> T) -> T? {
            guard let entry = values[column] else { return nil }
            do {
                return try body(entry.value)
            } catch let error as FieldText.CellError {
                report(entry.row, column, error.message)
            } catch {
                report(entry.row, column, "\(error)")
            }
            return nil
        }
        func text(_ de: CSVColumn, _ en: CSVColumn) -> LocalizedText? {
            var text = LocalizedText()
            text["de"] = cell(de)
            text["en"] = cell(en)
            return text.isEmpty ? nil : text
        }

        let type = convert(.type) { try FieldText.closed($0, as: EntryType.self) }
        if values[.type] == nil { report(firstRow, .type, "missing (offering or training)") }

        var price = convert(.price, FieldText.price)
        if let members = convert(.freeForMembers, FieldText.bool) {
            price = price ?? Price()
            price?.freeForMembers = members
        }
        let contact = Contact(
            email: cell(.contactEmail), phone: cell(.contactPhone), name: cell(.contactName),
            function: cell(.contactFunction))

        var sessions: [Session] = []
        var sessionRows: [Int] = []
        for row in rows {
            guard let session = session(in: row, report: { report(row, $0, $1) }) else { continue }
            sessions.append(session)
            sessionRows.append(row.number)
        }

        let entry = Entry(
            id: rows[0][.id] ?? "",
            type: type ?? .offering,
            title: text(.titleDE, .titleEN) ?? LocalizedText(),
            summary: text(.summaryDE, .summaryEN),
            description: text(.descriptionDE, .descriptionEN),
            topics: cell(.topics).map(FieldText.list) ?? [],
            keywords: cell(.keywords).map(FieldText.list) ?? [],
            audience: cell(.audience).map(FieldText.list) ?? [],
            regions: cell(.regions).map(FieldText.list) ?? [],
            languages: cell(.languages).map(FieldText.list) ?? [],
            url: cell(.url),
            organizer: cell(.organizer),
            contact: contact == Contact() ? nil : contact,
            price: price,
            visibility: convert(.visibility) { try FieldText.closed($0, as: Visibility.self) } ?? .federated,
            kind: cell(.kind),
            validFrom: convert(.validFrom, FieldText.date),
            validUntil: convert(.validUntil, FieldText.date),
            format: cell(.format),
            sessions: sessions,
            durationHours: convert(.durationHours, FieldText.number),
            level: convert(.level) { try FieldText.closed($0, as: TrainingLevel.self) },
            certificate: cell(.certificate),
            registrationUrl: cell(.registrationURL))

        // Map a validation issue back to the row it came from: session issues to the session's row,
        // entry issues to the row that first filled the column, or the entry's first row.
        let location: @Sendable (String) -> String = { [values = values.mapValues(\.row.number), sessionRows] field in
            if field.hasPrefix("sessions["), let close = field.firstIndex(of: "]"),
                let index = Int(field[field.index(field.startIndex, offsetBy: 9)..<close]), index < sessionRows.count
            {
                return "row \(sessionRows[index])"
            }
            let root = String(field.prefix { $0 != "." && $0 != "[" })
            let column = CSVColumn(rawValue: root) ?? CSVColumn.allCases.first { $0.rawValue.hasPrefix(root + "_") }
            return "row \(column.flatMap { values[$0] } ?? firstRow.number)"
        }
        return ParsedEntry(entry: problems.list.isEmpty ? entry : nil, problems: problems.list, location: location)
    }

    /// The session a row describes, or nil when its session columns are empty.
    private func session(in row: TableCatalogReader.Row, report: (CSVColumn, String) -> Void) -> Session? {
        let sessionColumns = CSVColumn.allCases.filter(\.isSessionColumn)
        guard sessionColumns.contains(where: { row[$0] != nil }) else { return nil }
        func convert<T>(_ column: CSVColumn, _ body: (String) throws -> T) -> T? {
            guard let value = row[column] else { return nil }
            do {
                return try body(value)
            } catch let error as FieldText.CellError {
                report(column, error.message)
            } catch {
                report(column, "\(error)")
            }
            return nil
        }
        let start = convert(.sessionStart, FieldText.dateTime)
        let end = convert(.sessionEnd, FieldText.dateTime)
        let mode = convert(.sessionMode, FieldText.mode)
        if row[.sessionStart] == nil { report(.sessionStart, "missing for a row with session columns") }
        if row[.sessionEnd] == nil { report(.sessionEnd, "missing for a row with session columns") }
        if row[.sessionMode] == nil { report(.sessionMode, "missing (\(SessionMode.allowedValues))") }
        let location = row[.sessionCity].map { city in
            Location(
                name: row[.sessionVenue], street: row[.sessionStreet], postalCode: row[.sessionPostalCode], city: city,
                region: row[.sessionRegion])
        }
        let seats = convert(.sessionSeats, FieldText.integer)
        let deadline = convert(.sessionRegistrationDeadline, FieldText.date)
        let status = convert(.sessionStatus) { try FieldText.closed($0, as: SessionStatus.self) }
        guard let start, let end, let mode else { return nil }
        return Session(
            id: row[.sessionID], start: start, end: end, mode: mode, location: location,
            onlineUrl: row[.sessionOnlineURL], language: row[.sessionLanguage], seats: seats,
            registrationDeadline: deadline, status: status)
    }
}
