import Logging
import Synchronization

/// A log that keeps every message, for tests that check what a component logs.
public final class CapturedLog: Sendable {
    public struct Message: Sendable {
        public let level: Logger.Level
        public let text: String
        public let metadata: [String: String]
    }

    private let messages = Mutex<[Message]>([])

    public init() {}

    public var all: [Message] { messages.withLock { $0 } }

    /// A logger at `trace` that writes here.
    public func logger(_ label: String = "test") -> Logger {
        var logger = Logger(label: label) { _ in Handler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ message: Message) {
        messages.withLock { $0.append(message) }
    }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            log.append(
                Message(level: event.level, text: "\(event.message)", metadata: all.mapValues { "\($0)" }))
        }
    }
}
