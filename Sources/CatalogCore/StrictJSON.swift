import Foundation

/// The JSON form rules of the protocol (docs/PROTOCOL.md, "Form"), checked before any decoder sees
/// the bytes: RFC 8259 exactly (no trailing commas, comments, `NaN`, leading zeros or bare control
/// characters; nothing after the value), valid UTF-8 without lone surrogate escapes, object keys
/// of ASCII only and none twice in one object, the protocol's integers (`seq`, `live`, `fromSeq`)
/// without fraction or exponent, and nesting at most `maxDepth` deep.
///
/// Why a check of its own: Foundation's decoder accepts a trailing comma and keeps the *first* of
/// two equal keys, where Python and JavaScript keep the last, so one signed payload could mean two
/// things to two implementations. Keys are ASCII because Swift compares strings by canonical
/// equivalence (the Kelvin sign U+212A equals `K`) where other languages compare code points; and
/// Foundation reads `5.0` as the integer 5, which exact readers refuse. A payload that any reader
/// could read differently is refused.
public enum StrictJSON {
    public static let maxDepth = 32
    /// Keys whose number values must be written as plain integers.
    static let integerKeys: Set<[UInt8]> = [Array("seq".utf8), Array("live".utf8), Array("fromSeq".utf8)]

    /// Throws `invalidEnvelope` naming the first rule `bytes` breaks and its byte offset.
    public static func check(_ bytes: Data, what: String) throws {
        let problem: String? = bytes.withUnsafeBytes { raw in
            var scanner = Scanner(raw.bindMemory(to: UInt8.self))
            return scanner.run()
        }
        if let problem { throw CatalogError(.invalidEnvelope, "\(what) is not strict JSON: \(problem)") }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var depth = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func run() -> String? {
            do throws(Failure) {
                skipSpace()
                try value()
                skipSpace()
                guard index == bytes.count else { throw Failure("bytes after the JSON value", at: index) }
                return nil
            } catch {
                return "\(error.message) at byte \(error.offset)"
            }
        }

        struct Failure: Error {
            let message: String
            let offset: Int
            init(_ message: String, at offset: Int) {
                self.message = message
                self.offset = offset
            }
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func expect(_ literal: StaticString) throws(Failure) {
            let start = index
            for byte in UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount) {
                guard current == byte else { throw Failure("not a JSON value", at: start) }
                index += 1
            }
        }

        mutating func value() throws(Failure) {
            guard let byte = current else { throw Failure("a value is missing", at: index) }
            switch byte {
            case UInt8(ascii: "{"): try object()
            case UInt8(ascii: "["): try array()
            case UInt8(ascii: "\""): _ = try string(keepingText: false)
            case UInt8(ascii: "t"): try expect("true")
            case UInt8(ascii: "f"): try expect("false")
            case UInt8(ascii: "n"): try expect("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw Failure("not a JSON value", at: index)
            }
        }

        mutating func enter() throws(Failure) {
            depth += 1
            guard depth <= StrictJSON.maxDepth else {
                throw Failure("nested deeper than \(StrictJSON.maxDepth)", at: index)
            }
        }

        mutating func object() throws(Failure) {
            try enter()
            index += 1
            skipSpace()
            if current == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return
            }
            // A set, so that an object of 30,000 keys costs 30,000 lookups, not 30,000² comparisons.
            var keys: Set<[UInt8]> = []
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else { throw Failure("an object key is missing", at: index) }
                let keyStart = index
                let key = try string(keepingText: true)
                guard key.allSatisfy({ $0 < 0x80 }) else {
                    throw Failure("an object key holds a character beyond ASCII", at: keyStart)
                }
                let repeated = !keys.insert(key).inserted
                guard !repeated else { throw Failure("a key appears twice in one object", at: keyStart) }
                skipSpace()
                guard current == UInt8(ascii: ":") else { throw Failure("':' is missing after a key", at: index) }
                index += 1
                skipSpace()
                if StrictJSON.integerKeys.contains(key), let byte = current,
                    byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                {
                    let start = index
                    try number()
                    guard
                        !bytes[start..<index].contains(where: {
                            $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e")
                        })
                    else { throw Failure("an integer is written with a fraction or exponent", at: start) }
                } else {
                    try value()
                }
                skipSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    depth -= 1
                    return
                default: throw Failure("',' or '}' is missing", at: index)
                }
            }
        }

        mutating func array() throws(Failure) {
            try enter()
            index += 1
            skipSpace()
            if current == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return
            }
            while true {
                skipSpace()
                try value()
                skipSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    depth -= 1
                    return
                default: throw Failure("',' or ']' is missing", at: index)
                }
            }
        }

        /// Reads a string; with `keepingText`, returns its decoded UTF-8 bytes (for comparing keys
        /// however they were escaped).
        mutating func string(keepingText: Bool) throws(Failure) -> [UInt8] {
            index += 1
            var text: [UInt8] = []
            while true {
                guard let byte = current else { throw Failure("a string is not closed", at: index) }
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return text
                case UInt8(ascii: "\\"):
                    let scalar = try escape()
                    if keepingText { text.append(contentsOf: Array(String(Character(scalar)).utf8)) }
                case 0x00..<0x20: throw Failure("a control character in a string", at: index)
                case 0x00..<0x80:
                    if keepingText { text.append(byte) }
                    index += 1
                default:
                    let start = index
                    try multiByteCharacter()
                    if keepingText { text.append(contentsOf: bytes[start..<index]) }
                }
            }
        }

        mutating func escape() throws(Failure) -> Unicode.Scalar {
            let start = index
            index += 1
            guard let byte = current else { throw Failure("an escape is cut off", at: start) }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                let unit = try hexUnit(at: start)
                switch unit {
                case 0xD800...0xDBFF:
                    guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                    else { throw Failure("a lone surrogate escape", at: start) }
                    index += 2
                    let low = try hexUnit(at: start)
                    guard (0xDC00...0xDFFF).contains(low) else { throw Failure("a lone surrogate escape", at: start) }
                    return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
                case 0xDC00...0xDFFF: throw Failure("a lone surrogate escape", at: start)
                default: return Unicode.Scalar(unit)!
                }
            default: throw Failure("an unknown escape", at: start)
            }
        }

        mutating func hexUnit(at start: Int) throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw Failure("a \\u escape is cut off", at: start) }
            var unit: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw Failure("a \\u escape holds a non-hex digit", at: start)
                }
                unit = unit << 4 | UInt32(digit)
                index += 1
            }
            return unit
        }

        /// One UTF-8 sequence of two to four bytes, shortest form, no surrogates (RFC 3629).
        mutating func multiByteCharacter() throws(Failure) {
            let start = index
            let lead = bytes[index]
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: throw Failure("invalid UTF-8", at: start)
            }
            guard index + length <= bytes.count else { throw Failure("invalid UTF-8", at: start) }
            for offset in 1..<length {
                let byte = bytes[index + offset]
                let range = offset == 1 ? low...high : 0x80...0xBF
                guard range.contains(byte) else { throw Failure("invalid UTF-8", at: start) }
            }
            index += length
        }

        mutating func number() throws(Failure) {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
                throw Failure("a number without digits", at: start)
            }
            index += 1
            if first == UInt8(ascii: "0"), let next = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
                throw Failure("a number with a leading zero", at: start)
            }
            skipDigits()
            if current == UInt8(ascii: ".") {
                index += 1
                guard digitsFollow() else { throw Failure("a number without digits after '.'", at: start) }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digitsFollow() else { throw Failure("an exponent without digits", at: start) }
            }
        }

        mutating func skipDigits() {
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        }

        mutating func digitsFollow() -> Bool {
            let before = index
            skipDigits()
            return index > before
        }
    }
}
