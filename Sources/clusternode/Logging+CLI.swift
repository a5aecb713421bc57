import Foundation
import Logging

/// The one place the executable makes loggers: messages on stderr, at the level of `LOG_LEVEL`
/// (trace, debug, info, notice, warning, error, critical) or the command's default.
enum CLILogging {
    static func logger(_ label: String, defaultLevel: Logger.Level) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel =
            ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
            ?? defaultLevel
        return logger
    }
}
