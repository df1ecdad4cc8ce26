public import DRMCore
import DRMStore
public import FluentKit
import Foundation
import SQLKit

/// Keeps the rollups of `performance_metrics` up to date as executions finish: each finished execution adds its
/// tally to the hour and day rows of its job and of each of its targets (bucketed by completion time, UTC). Nothing
/// rescans history, and the rows stay when retention deletes the executions they count.
///
/// Call ``record(executionID:on:)`` inside the transaction that makes the execution terminal, so an execution is
/// counted exactly once. On PostgreSQL each row is locked while it is merged (two executions of a job may finish at
/// once); SQLite holds the write lock for the whole transaction already.
public enum ExecutionRollups {
    /// One rollup row's key.
    public struct Key: Sendable, Hashable {
        public var kind: RollupKind
        public var period: RollupPeriod
        public var subjectID: Int
        public var start: Date
    }

    /// Adds the finished execution `executionID` to its rows. Does nothing for an execution that hasn't ended.
    public static func record(executionID: Int, on db: any Database, now: Date = Date()) async throws {
        guard let execution = try await Execution.find(executionID, on: db), execution.status.isTerminal else {
            return
        }
        let ended = execution.completedAt ?? now
        let branches = try await ExecutionBranch.query(on: db).filter(\.$jobExecutionID == executionID).all()
        var tallies: [Key: RollupTally] = [:]
        func add(_ kind: RollupKind, _ subject: Int, _ tally: RollupTally) {
            for period in RollupPeriod.allCases {
                tallies[
                    Key(kind: kind, period: period, subjectID: subject, start: period.start(of: ended)),
                    default: .init()
                ]
                .add(tally)
            }
        }
        add(
            .jobRuns, execution.jobID,
            RollupTally(status: execution.status, duration: duration(execution.startedAt, ended)))
        for branch in branches {
            add(
                .targetRuns, branch.targetID,
                RollupTally(status: branch.status, duration: duration(branch.startedAt, branch.completedAt ?? ended)))
        }
        for (key, tally) in tallies.sorted(by: { order($0.key, $1.key) }) {
            try await merge(tally, into: key, jobID: key.kind == .jobRuns ? execution.jobID : nil, on: db, now: now)
        }
    }

    static func duration(_ start: Date?, _ end: Date) -> Double? {
        start.map { end.timeIntervalSince($0) }
    }

    /// A fixed order of rows, so two transactions lock them in the same order (no deadlock).
    static func order(_ a: Key, _ b: Key) -> Bool {
        (a.kind.rawValue, a.period.rawValue, a.subjectID, a.start) < (
            b.kind.rawValue, b.period.rawValue, b.subjectID, b.start
        )
    }

    /// Adds `tally` to the row of `key`, creating it when missing.
    static func merge(_ tally: RollupTally, into key: Key, jobID: Int?, on db: any Database, now: Date) async throws {
        let sql = db as! any SQLDatabase
        let postgres = sql.dialect.name == "postgresql"
        let targetID: Int? = key.kind == .targetRuns ? key.subjectID : nil
        try await sql.raw(
            """
            INSERT INTO performance_metrics (metric_type, aggregation_period, subject_id, timestamp, job_id, target_id,
                count, success_count, failure_count, timed_out_count, cancelled_count, duration_count, created_at)
            VALUES (\(bind: key.kind.rawValue), \(bind: key.period.rawValue), \(bind: key.subjectID), \(bind: key.start),
                \(bind: jobID), \(bind: targetID), 0, 0, 0, 0, 0, 0, \(bind: now))
            ON CONFLICT (metric_type, aggregation_period, subject_id, timestamp) DO NOTHING
            """
        ).run()
        let lock: SQLQueryString = postgres ? "FOR UPDATE" : ""
        guard
            let row = try await sql.raw(
                """
                SELECT id, count, success_count, failure_count, timed_out_count, cancelled_count, duration_count,
                    duration_sum, min_duration, max_duration, duration_histogram
                FROM performance_metrics
                WHERE metric_type = \(bind: key.kind.rawValue) AND aggregation_period = \(bind: key.period.rawValue)
                    AND subject_id = \(bind: key.subjectID) AND timestamp = \(bind: key.start) \(lock)
                """
            ).first()
        else { return }
        var total = try RollupTally(row: row)
        total.add(tally)
        let rate = total.successRate.map { ($0 * 100).rounded() / 100 }
        try await sql.raw(
            """
            UPDATE performance_metrics SET count = \(bind: total.runs), success_count = \(bind: total.successes),
                failure_count = \(bind: total.failures), timed_out_count = \(bind: total.timedOut),
                cancelled_count = \(bind: total.cancelled), duration_count = \(bind: total.timedRuns),
                duration_sum = \(bind: total.durationSum), min_duration = \(bind: total.minDuration),
                max_duration = \(bind: total.maxDuration), avg_duration = \(bind: total.averageDuration),
                p50_duration = \(bind: total.p50), p95_duration = \(bind: total.p95), success_rate = \(bind: rate),
                duration_histogram = \(bind: total.histogram.text), updated_at = \(bind: now)
            WHERE id = \(bind: try row.decode(column: "id", as: Int.self))
            """
        ).run()
    }
}

extension RollupTally {
    /// The tally stored in a `performance_metrics` row.
    init(row: any SQLRow) throws {
        self.init()
        runs = try row.decode(column: "count", as: Int?.self) ?? 0
        successes = try row.decode(column: "success_count", as: Int?.self) ?? 0
        failures = try row.decode(column: "failure_count", as: Int?.self) ?? 0
        timedOut = try row.decode(column: "timed_out_count", as: Int.self)
        cancelled = try row.decode(column: "cancelled_count", as: Int.self)
        timedRuns = try row.decode(column: "duration_count", as: Int.self)
        durationSum = try row.decode(column: "duration_sum", as: Double?.self) ?? 0
        minDuration = try row.decode(column: "min_duration", as: Double?.self)
        maxDuration = try row.decode(column: "max_duration", as: Double?.self)
        histogram = DurationHistogram(text: try row.decode(column: "duration_histogram", as: String?.self))
    }
}
