public import Foundation

/// The periods of the rollups: an hour and a day, in UTC.
public enum RollupPeriod: String, Sendable, CaseIterable, Codable {
    case hour
    case day

    /// The start of the period that holds `date` (UTC).
    public func start(of date: Date) -> Date {
        let seconds = date.timeIntervalSince1970
        let length = self == .hour ? 3600.0 : 86400.0
        return Date(timeIntervalSince1970: (seconds / length).rounded(.down) * length)
    }

    /// The length of one period in seconds.
    public var seconds: TimeInterval { self == .hour ? 3600 : 86400 }
}

/// What a rollup row counts: executions of a job, or branches (runs on one target).
public enum RollupKind: String, Sendable, CaseIterable, Codable {
    case jobRuns = "job_runs"
    case targetRuns = "target_runs"
}
