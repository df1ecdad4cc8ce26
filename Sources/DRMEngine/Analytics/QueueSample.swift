public import DRMCore
import DRMStore
public import FluentKit
public import Foundation

/// What the gauges of `/metrics` and the system health need from the database, read in a few indexed counts.
public struct QueueSample: Sendable, Hashable, Codable {
    /// Tasks due and waiting for a worker.
    public var depth: Int
    /// Age of the oldest of them, from its due time; `nil` when none waits.
    public var oldestPendingSeconds: Double?
    public var runningExecutions: Int
    /// Workers whose heartbeat is within ``QueueMetrics/liveWithin``.
    public var liveWorkers: Int

    enum CodingKeys: String, CodingKey {
        case depth
        case oldestPendingSeconds = "oldest_pending_seconds"
        case runningExecutions = "running_executions"
        case liveWorkers = "live_workers"
    }

    public init(depth: Int, oldestPendingSeconds: Double?, runningExecutions: Int, liveWorkers: Int) {
        self.depth = depth
        self.oldestPendingSeconds = oldestPendingSeconds
        self.runningExecutions = runningExecutions
        self.liveWorkers = liveWorkers
    }

    /// Reads the sample at `now`.
    public static func read(on database: any Database, now: Date) async throws -> QueueSample {
        let due = TaskRecord.query(on: database).filter(\.$status ~~ [.pending, .retry])
            .group(.or) { $0.filter(\.$eta == nil).filter(\.$eta <= now) }
        let depth = try await due.copy().count()
        let oldest = try await due.copy().sort(\.$createdAt).first()
        let running = try await Execution.query(on: database).filter(\.$status == .running).count()
        var metrics = QueueMetrics(database: database)
        metrics.now = { now }
        let workers = try await metrics.liveWorkers().count
        let since = oldest.flatMap { task in [task.eta, task.createdAt].compactMap { $0 }.max() }
        return QueueSample(
            depth: depth, oldestPendingSeconds: since.map { max(0, now.timeIntervalSince($0)) },
            runningExecutions: running, liveWorkers: workers)
    }
}
