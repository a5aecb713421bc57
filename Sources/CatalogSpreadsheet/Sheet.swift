/// One worksheet as a catalog needs it: rows of text cells, each row with the number a spreadsheet
/// shows for it (the header is row 1), so an import can name the row a problem is on.
public struct Sheet: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The row's number as the spreadsheet shows it, from 1.
        public let number: Int
        /// The cells from column A on; a gap between filled cells is an empty string.
        public let cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    public let name: String
    public let rows: [Row]

    public init(name: String, rows: [Row]) {
        self.name = name
        self.rows = rows
    }

    /// A sheet whose rows are numbered from 1 in order.
    public init(name: String, cells: [[String]]) {
        self.init(name: name, rows: cells.enumerated().map { Row(number: $0.offset + 1, cells: $0.element) })
    }
}
