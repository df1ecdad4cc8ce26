public import Foundation

/// What retention deletes: per kind of data a maximum age in days, at least `keptPerJob` finished executions of
/// each job, and never a pinned execution, a running one or anything a running execution needs.
public struct RetentionPolicy: Sendable, Hashable, Codable {
    /// The kinds of data retention deletes, in the order a purge deletes them.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// Log lines of finished, unpinned executions (`log_retention_days`).
        case executionLogs = "execution_logs"
        /// Finished, unpinned executions with their branches, results and logs (`job_history_retention_days`).
        case executions
        /// Finished tasks of the queue (`celery_task_history`).
        case taskHistory = "task_history"
        /// `system_health_snapshots` and `celery_metrics_snapshots`.
        case healthSnapshots = "health_snapshots"
        /// Audit events: kept at least as long as anything else.
        case auditEvents = "audit_events"
    }

    /// Days each kind is kept.
    public var days: [Kind: Int]
    /// Finished executions kept per job whatever their age.
    public var keptPerJob: Int

    public init(days: [Kind: Int], keptPerJob: Int) {
        self.days = days
        self.keptPerJob = keptPerJob
    }

    /// The defaults of the settings.
    public static let defaults = RetentionPolicy(
        days: [.executionLogs: 30, .executions: 90, .taskHistory: 30, .healthSnapshots: 14, .auditEvents: 365],
        keptPerJob: 10)

    /// Days `kind` is kept. Audit events are kept at least as long as every other kind, and logs no longer than
    /// their executions would be pointless, so neither can be set shorter by mistake.
    public func effectiveDays(_ kind: Kind) -> Int {
        let given = days[kind] ?? Self.defaults.days[kind] ?? 365
        switch kind {
        case .auditEvents: return max(given, days.filter { $0.key != .auditEvents }.values.max() ?? 0)
        default: return given
        }
    }

    /// The instant before which `kind` is deleted, at `now`.
    public func cutoff(_ kind: Kind, now: Date) -> Date {
        now.addingTimeInterval(-Double(effectiveDays(kind)) * 86400)
    }
}
