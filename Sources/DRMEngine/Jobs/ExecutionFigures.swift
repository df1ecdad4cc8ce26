public import DRMCore
import DRMStore
import FluentKit
public import Foundation

/// The dashboard's figures of runs: what runs now, the last failures, and the success rate and durations of the
/// runs that ended in a window.
public struct ExecutionFigures: Sendable {
    /// Executions queued or running, newest first (up to 10).
    public var running: [ExecutionSummary]
    /// The latest executions that failed, partly or wholly, or timed out (up to 5).
    public var failures: [ExecutionSummary]
    /// Executions that ended in the window, and how many of them completed.
    public var ended: Int
    public var completed: Int
    /// Mean and longest run time of those that ended in the window, in seconds.
    public var meanSeconds: Double?
    public var longestSeconds: Double?

    /// The figures of the runs that ended since `since`.
    public static func load(_ query: ExecutionQuery, since: Date) async throws -> ExecutionFigures {
        let database = query.database
        let live = try await Execution.query(on: database).filter(\.$status ~~ [.queued, .running, .scheduled])
            .sort(\.$id, .descending).limit(10).all()
        let failed = try await Execution.query(on: database)
            .filter(\.$status ~~ [.failed, .partiallyFailed, .timedOut]).sort(\.$id, .descending).limit(5).all()
        let window = try await Execution.query(on: database).filter(\.$completedAt >= since)
            .field(\.$id).field(\.$status).field(\.$startedAt).field(\.$completedAt).all()
        let seconds = window.compactMap { execution -> Double? in
            guard let start = execution.startedAt, let end = execution.completedAt else { return nil }
            return end.timeIntervalSince(start)
        }
        return ExecutionFigures(
            running: try await query.summaries(live), failures: try await query.summaries(failed), ended: window.count,
            completed: window.filter { $0.status == .completed }.count,
            meanSeconds: seconds.isEmpty ? nil : seconds.reduce(0, +) / Double(seconds.count),
            longestSeconds: seconds.max())
    }
}
