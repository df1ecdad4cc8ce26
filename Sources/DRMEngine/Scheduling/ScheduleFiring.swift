public import DRMCore
import DRMStore
public import FluentKit
public import Foundation
import SQLKit

/// One pass of the scheduler: mirrors fired occurrences' executions, starts buffered runs whose predecessor
/// ended, turns jobs' one-shot start times into schedules, and fires every due schedule by its missed-run and overlap policies, in batches of few multi-row statements, one
/// transaction each (`ScheduleFiring+Batch.swift`), several at once on PostgreSQL. Every occurrence becomes one row of
/// `schedule_executions` under the unique key (schedule, scheduled time), inserted before anything is started,
/// so two nodes that both fire hand over safely: the second insert finds the row and starts nothing.
public struct ScheduleFiring: Sendable {
    /// What a pass did.
    public struct Report: Sendable, Equatable {
        public var fired = 0
        public var skipped = 0
        public var missed = 0
        public var buffered = 0
        public var failed = 0
        /// The earliest next fire time of an active schedule after the pass, to sleep until.
        public var nextDue: Date?
        /// Whether due schedules were left for the next pass (a full batch).
        public var moreDue = false
        /// Seconds from each launched occurrence's due time to its launch (`/metrics`).
        public var lateness: [Double] = []

        mutating func add(_ other: Report) {
            fired += other.fired
            skipped += other.skipped
            missed += other.missed
            buffered += other.buffered
            failed += other.failed
            lateness += other.lateness
        }
    }

    public let engine: JobEngine
    public var now: @Sendable () -> Date
    /// Schedules fired per batch (one transaction).
    public var batchSize = 500
    /// Batches fired at once on PostgreSQL (each on its own connection).
    public var parallelBatches = 2
    /// Due times of one schedule handled per pass (a long outage of a minutely schedule takes several passes).
    public var maxDuePerSchedule = 1000

    public init(engine: JobEngine, now: @escaping @Sendable () -> Date) {
        self.engine = engine
        self.now = now
    }

    var database: any Database { engine.database }
    var audit: AuditTrail { AuditTrail(.system, now: now) }

    /// One pass at `now()`. `firingOnly` leaves out the bookkeeping before the firing (adopting jobs' start times,
    /// mirroring ended executions, releasing buffered runs): for the passes that follow a full batch at once.
    public func tick(firingOnly: Bool = false) async throws -> Report {
        let now = now()
        var report = Report()
        if !firingOnly {
            try await adoptJobStartTimes()
            try await mirrorExecutions()
            try await releaseBuffered(now: now, report: &report)
        }
        let zone = try await ScheduleCatalog(database: database, audit: audit, now: self.now).defaultZone()
        // On PostgreSQL several batches fire at once, each on its own connection and transaction; `SKIP LOCKED`
        // gives them disjoint schedules.
        let lanes = isPostgres ? max(1, parallelBatches) : 1
        let batches = try await withThrowingTaskGroup(of: (Report, Int).self) { group in
            for _ in 0..<lanes {
                group.addTask {
                    try await Self.retryingConflicts { try await fireBatch(now: now, defaultZone: zone) }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for (batch, claimed) in batches {
            report.add(batch)
            if claimed == batchSize { report.moreDue = true }
        }
        if let metrics = engine.instruments {
            metrics.scheduleOccurrences(.running, count: report.fired)
            metrics.scheduleOccurrences(.skipped, count: report.skipped)
            metrics.scheduleOccurrences(.missed, count: report.missed)
            metrics.scheduleOccurrences(.buffered, count: report.buffered)
            metrics.scheduleOccurrences(.failed, count: report.failed)
            for seconds in report.lateness { metrics.scheduleLaunched(lateBy: seconds) }
        }
        report.nextDue = try await JobSchedule.query(on: database).filter(\.$status == .active)
            .filter(\.$nextRunAt != nil).sort(\.$nextRunAt).first()?.nextRunAt
        return report
    }

    var isPostgres: Bool { (database as? any SQLDatabase)?.dialect.name == "postgresql" }

    /// Runs `body` again, up to five times, when the database refused it (a conflict or an aborted transaction).
    static func retryingConflicts<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await body()
            } catch  where !(error is any DomainError) && !(error is CancellationError) && attempt < 4 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...50)))
            }
        }
    }

    /// A job engine on `db` (a transaction), with this engine's clients.
    func engine(on db: any Database) -> JobEngine {
        JobEngine(
            database: db, vault: engine.vault, ssh: engine.ssh, http: engine.http, dataDirectory: engine.dataDirectory)
    }

    /// Mirrors the executions of running occurrences that have ended onto their rows: one update per mirrored
    /// status, reading only running occurrences (not every row of history, which grows with every firing).
    func mirrorExecutions() async throws {
        let sql = database as! any SQLDatabase
        let terminal = ExecutionStatus.allCases.filter(\.isTerminal)
        let groups = Dictionary(grouping: terminal, by: ScheduleOccurrences.mirror)
        for (mirrored, statuses) in groups.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let ended = SQLList(statuses.map { SQLLiteral.string($0.rawValue) })
            try await sql.raw(
                """
                UPDATE schedule_executions SET status = \(literal: mirrored.rawValue),
                  completed_at = COALESCE(
                    (SELECT e.completed_at FROM job_executions e WHERE e.id = schedule_executions.job_execution_id),
                    \(bind: now()))
                WHERE status = 'running' AND job_execution_id IS NOT NULL AND EXISTS (
                  SELECT 1 FROM job_executions e WHERE e.id = schedule_executions.job_execution_id
                  AND e.status IN (\(ended)))
                """
            ).run()
        }
    }

    /// Starts the oldest buffered occurrence of each schedule whose previous run has ended.
    func releaseBuffered(now: Date, report: inout Report) async throws {
        let buffered = try await ScheduleExecution.query(on: database).filter(\.$status == .buffered)
            .sort(\.$scheduledAt).all()
        var seen: Set<Int> = []
        for occurrence in buffered where seen.insert(occurrence.jobScheduleID).inserted {
            let clock = self.now
            let launched: Bool = try await database.transaction { db in
                let occurrences = ScheduleOccurrences(engine: engine(on: db), now: clock)
                guard try await occurrences.runningExecution(of: occurrence.jobScheduleID) == nil,
                    let row = try await JobSchedule.find(occurrence.jobScheduleID, on: db)
                else { return false }
                let record = try ScheduleRecord(row)
                guard try await occurrences.launch(record, occurrence: occurrence) else { return false }
                row.currentRuns = (row.currentRuns ?? 0) + 1
                row.lastRunAt = now
                try await row.save(on: db)
                return true
            }
            if launched { report.fired += 1 }
        }
    }

    /// Gives every job's one-shot start time (`jobs.scheduled_at`) a `once` schedule, so it fires by the same path.
    func adoptJobStartTimes() async throws {
        let jobs = try await Job.query(on: database).filter(\.$scheduledAt != nil).filter(\.$isDeleted == false)
            .filter(\.$isAdhoc == false).all()
        guard !jobs.isEmpty else { return }
        let adopted = try await JobSchedule.query(on: database).filter(\.$origin == ScheduleOccurrences.jobStartOrigin)
            .filter(\.$jobID ~~ jobs.compactMap(\.id)).all()
        let known = Set(adopted.compactMap { row in row.startDate.map { "\(row.jobID)@\($0.timeIntervalSince1970)" } })
        let catalog = ScheduleCatalog(database: database, audit: audit, now: now)
        for job in jobs {
            guard let id = job.id, let at = job.scheduledAt, !known.contains("\(id)@\(at.timeIntervalSince1970)") else {
                continue
            }
            _ = try await catalog.create(
                ScheduleDraft(jobID: id, name: "start time of \(job.name)", kind: .once, runAt: at, timezone: "UTC"),
                createdBy: job.createdBy, origin: ScheduleOccurrences.jobStartOrigin)
        }
    }
}
