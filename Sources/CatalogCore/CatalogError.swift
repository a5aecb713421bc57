/// The error every catalog module throws: a stable code for scripts and tests,
/// and a one-line message a person can act on.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidEntry = Code(rawValue: "invalid-entry")
        public static let invalidInput = Code(rawValue: "invalid-input")
        public static let invalidEnvelope = Code(rawValue: "invalid-envelope")
        public static let badSignature = Code(rawValue: "bad-signature")
        public static let invalidKey = Code(rawValue: "invalid-key")
        public static let notFound = Code(rawValue: "not-found")
        public static let conflict = Code(rawValue: "conflict")
        public static let storage = Code(rawValue: "storage")
        public static let io = Code(rawValue: "io")
        public static let configuration = Code(rawValue: "configuration")
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
