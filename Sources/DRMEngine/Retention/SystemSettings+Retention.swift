public import DRMCore
import Foundation

extension SystemSettings {
    /// The retention policy of the settings (stored values over defaults).
    public func retentionPolicy() async throws -> RetentionPolicy {
        func days(_ key: SettingKey) async throws -> Int {
            guard case .number(let value) = try await value(key) else { return 0 }
            return Int(value)
        }
        return RetentionPolicy(
            days: [
                .executionLogs: try await days(.logRetentionDays),
                .executions: try await days(.jobHistoryRetentionDays),
                .taskHistory: try await days(.taskHistoryRetentionDays),
                .healthSnapshots: try await days(.healthSnapshotRetentionDays),
                .auditEvents: try await days(.auditRetentionDays),
            ], keptPerJob: try await days(.executionsKeptPerJob))
    }
}
