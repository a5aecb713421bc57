/// Turns a `DecodingError` into one line naming the field: `sessions[0].start: '2027-02-30T09:00' is
/// not a real date ...`, `title: missing`, `seats: expected a number`.
public enum DecodingErrorText {
    /// - Parameter prefix: how many leading path components to leave out (the position of an entry
    ///   in its file, which the caller names separately).
    public static func describe(_ error: any Error, droppingPrefix prefix: Int = 0) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func at(_ codingPath: [any CodingKey]) -> String { path(Array(codingPath.dropFirst(prefix))) }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(at(context.codingPath + [key])): missing"
        case .typeMismatch(let type, let context):
            return "\(at(context.codingPath)): expected \(name(of: type))"
        case .valueNotFound(let type, let context):
            return "\(at(context.codingPath)): expected \(name(of: type)), found null"
        case .dataCorrupted(let context):
            let reason = context.debugDescription
            if context.codingPath.count <= prefix { return "not valid: \(underlying(context) ?? reason)" }
            return "\(at(context.codingPath)): \(reason)"
        @unknown default:
            return "\(error)"
        }
    }

    /// `sessions[0].location.city` from a coding path.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out.isEmpty ? "(document)" : out
    }

    private static func underlying(_ context: DecodingError.Context) -> String? {
        context.underlyingError.map { "\($0)" }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "a list"
        default:
            let described = "\(type)"
            if described.hasPrefix("Array") { return "a list" }
            if described.hasPrefix("Dictionary") { return "an object" }
            return "a value of type \(described)"
        }
    }
}
