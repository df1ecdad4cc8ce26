import DRMCore
import Foundation
import Logging
import Synchronization

/// Sets up swift-log once per process, as text or JSON lines on standard error.
enum LogBootstrap {
    private static let done = Mutex(false)

    static func run(_ config: AppConfig) {
        let first = done.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        let level = Logger.Level(rawValue: config.logLevel.rawValue) ?? .info
        let format = config.logFormat
        LoggingSystem.bootstrap { label in
            let output: any LogHandler =
                format == .json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            var handler = RedactingLogHandler(wrapped: output)
            handler.logLevel = level
            return handler
        }
    }
}
