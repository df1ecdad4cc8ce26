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

/// Writes each log record as one JSON object per line on standard error.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var record: [String: String] = [
            "time": Date().formatted(.iso8601),
            "level": event.level.rawValue,
            "label": label,
            "message": event.message.description,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            record[key] = value.description
        }
        guard var line = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) else { return }
        line.append(0x0A)
        FileHandle.standardError.write(line)
    }
}
