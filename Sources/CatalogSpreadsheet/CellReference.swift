/// A1-style cell references: the column letters of `C7` and the other way round.
enum CellReference {
    /// The zero-based column of a reference such as `C7` (2), or nil when it does not start with
    /// one to three letters.
    static func column(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            // Checked before adding: fourteen letters would overflow an Int.
            guard letters < 3 else { return nil }
            column = column * 26 + Int(scalar.value - 64)
            letters += 1
        }
        guard (1...3).contains(letters) else { return nil }
        return column - 1
    }

    /// The letters of a zero-based column: 0 → `A`, 26 → `AA`.
    static func letters(of column: Int) -> String {
        var column = column + 1
        var scalars: [Unicode.Scalar] = []
        while column > 0 {
            let remainder = (column - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + remainder)))
            column = (column - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }
}
