/// Runs work with a time limit: when the limit passes first, the work is cancelled (GRDB interrupts a
/// running SQLite statement on cancellation) and the client gets 503.
enum Deadline {
    static func run<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws
        -> T
    {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw APIError(
                    .serviceUnavailable, code: "timeout", "the node could not answer in time; try a narrower query")
            }
            return value
        }
    }
}
