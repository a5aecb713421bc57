/// The body of every error answer: `{"error": {"code": "...", "message": "..."}}`. The code is
/// stable (`bad-request`, `not-found`, `method-not-allowed`, `busy`, `timeout`, `internal`); the message
/// is one line meant for a person.
public struct ErrorBody: Codable, Sendable, Equatable {
    public struct Detail: Codable, Sendable, Equatable {
        public let code: String
        public let message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    public let error: Detail

    public init(code: String, message: String) {
        error = Detail(code: code, message: message)
    }

    /// The media type of every JSON answer.
    public static let contentType = "application/json"
}
