import Foundation

/// The system settings (`system_settings`), each with its type, default and validation (spec/domain.md §12).
public enum SettingKey: String, Sendable, CaseIterable, Codable {
    case timezone
    case dstRules = "dst_rules"
    case inactivityTimeoutMinutes = "inactivity_timeout_minutes"
    case warningTimeMinutes = "warning_time_minutes"
    case maxConcurrentJobs = "max_concurrent_jobs"
    case logRetentionDays = "log_retention_days"
    case emailTargetID = "email_target_id"
    case dateFormat = "date_format"
    case timeFormat = "time_format"
    case language
    case theme
    case notificationsEnabled = "notifications_enabled"
    case autoRefreshInterval = "auto_refresh_interval"
    case jobHistoryRetentionDays = "job_history_retention_days"
    case sessionTimeoutMinutes = "session_timeout_minutes"
    case maxLogFileSizeMB = "max_log_file_size_mb"
    case logCompressionEnabled = "log_compression_enabled"
    case backupEnabled = "backup_enabled"
    case backupRetentionDays = "backup_retention_days"
    case maintenanceMode = "maintenance_mode"
    case debugMode = "debug_mode"
    // Retention (#18): the days each other kind of data is kept, and the executions kept per job whatever their age.
    case auditRetentionDays = "audit_retention_days"
    case taskHistoryRetentionDays = "task_history_retention_days"
    case healthSnapshotRetentionDays = "health_snapshot_retention_days"
    case executionsKeptPerJob = "executions_kept_per_job"

    /// Whether EnableDRM acts on this setting now. The original's other settings (formats, language, theme,
    /// retention, backups, …) keep their rows but are neither shown nor accepted until a feature enforces them:
    /// a setting that can be changed but does nothing misleads.
    public var isEnforced: Bool {
        switch self {
        case .sessionTimeoutMinutes, .inactivityTimeoutMinutes, .maxConcurrentJobs, .maintenanceMode: true
        case .logRetentionDays, .jobHistoryRetentionDays, .auditRetentionDays, .taskHistoryRetentionDays,
            .healthSnapshotRetentionDays, .executionsKeptPerJob:
            true
        default: false
        }
    }

    /// The settings that are shown and can be changed: those EnableDRM enforces.
    public static let offered = allCases.filter(\.isEnforced)

    /// The shape of a setting's value.
    public enum Kind: Sendable {
        case integer(ClosedRange<Int>)
        case boolean
        case timeZone
        case oneOf([String])
        case object
        /// A positive id, or null.
        case optionalID
    }

    public var kind: Kind {
        switch self {
        case .timezone: .timeZone
        case .dstRules: .object
        case .inactivityTimeoutMinutes, .sessionTimeoutMinutes: .integer(5...480)
        case .warningTimeMinutes: .integer(1...10)
        case .maxConcurrentJobs: .integer(1...1000)
        case .logRetentionDays, .jobHistoryRetentionDays, .backupRetentionDays, .auditRetentionDays,
            .taskHistoryRetentionDays, .healthSnapshotRetentionDays:
            .integer(1...3650)
        case .executionsKeptPerJob: .integer(0...100_000)
        case .emailTargetID: .optionalID
        case .dateFormat: .oneOf(["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY"])
        case .timeFormat: .oneOf(["24h", "12h"])
        case .language: .oneOf(["en", "de", "fr", "es", "it", "pt", "nl", "ja", "zh"])
        case .theme: .oneOf(["light", "dark", "system"])
        case .autoRefreshInterval: .integer(5...3600)
        case .maxLogFileSizeMB: .integer(1...10240)
        case .notificationsEnabled, .logCompressionEnabled, .backupEnabled, .maintenanceMode, .debugMode: .boolean
        }
    }

    public var defaultValue: JSONValue {
        switch self {
        case .timezone: "UTC"
        case .dstRules: .object([:])
        case .inactivityTimeoutMinutes: 60
        case .warningTimeMinutes: 2
        case .maxConcurrentJobs: 50
        case .logRetentionDays: 30
        case .emailTargetID: .null
        case .dateFormat: "YYYY-MM-DD"
        case .timeFormat: "24h"
        case .language: "en"
        case .theme: "light"
        case .notificationsEnabled: true
        case .autoRefreshInterval: 30
        case .jobHistoryRetentionDays: 90
        case .sessionTimeoutMinutes: 480
        case .maxLogFileSizeMB: 100
        case .logCompressionEnabled: true
        case .backupEnabled: false
        case .backupRetentionDays: 7
        case .maintenanceMode: false
        case .debugMode: false
        case .auditRetentionDays: 365
        case .taskHistoryRetentionDays: 30
        case .healthSnapshotRetentionDays: 14
        case .executionsKeptPerJob: 10
        }
    }

    /// Why `value` isn't allowed for this setting, or `nil` when it is.
    public func problem(with value: JSONValue) -> String? {
        switch (kind, value) {
        case (.integer(let range), .number(let number)) where Int(exactly: number).map(range.contains) == true:
            return nil
        case (.integer(let range), _):
            return "\(rawValue) must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        case (.boolean, .bool):
            return nil
        case (.boolean, _):
            return "\(rawValue) must be true or false"
        case (.timeZone, .string(let name)) where TimeZone(identifier: name) != nil:
            return nil
        case (.timeZone, _):
            return "\(rawValue) must be an IANA time zone such as Europe/Paris"
        case (.oneOf(let choices), .string(let text)) where choices.contains(text):
            return nil
        case (.oneOf(let choices), _):
            return "\(rawValue) must be one of \(choices.joined(separator: ", "))"
        case (.object, .object):
            return nil
        case (.object, _):
            return "\(rawValue) must be an object"
        case (.optionalID, .null):
            return nil
        case (.optionalID, .number(let number)) where number.rounded() == number && number >= 1:
            return nil
        case (.optionalID, _):
            return "\(rawValue) must be a positive id or null"
        }
    }
}
