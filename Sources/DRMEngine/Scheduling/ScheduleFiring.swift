public import DRMCore
import DRMStore
public import FluentKit
public import Foundation
import SQLKit

/// One pass of the scheduler: mirrors fired occurrences' executions, starts buffered runs whose predecessor
/// ended, turns jobs' one-shot start times into schedules, and fires every due schedule (in batches, each in its
/// own transaction) by its missed-run and overlap policies. Every occurrence becomes one row of
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
    }

    public let engine: JobEngine
    public var now: @Sendable () -> Date
    /// Schedules fired per pass.
    public var batchSize = 200
    /// Due times of one schedule handled per pass (a long outage of a minutely schedule takes several passes).
    public var maxDuePerSchedule = 1000

    public init(engine: JobEngine, now: @escaping @Sendable () -> Date) {
        self.engine = engine
        self.now = now
    }

    var database: any Database { engine.database }
    var audit: AuditTrail { AuditTrail(.system, now: now) }

    /// One pass at `now()`.
    public func tick() async throws -> Report {
        let now = now()
        var report = Report()
        try await adoptJobStartTimes()
        try await mirrorExecutions()
        try await releaseBuffered(now: now, report: &report)
        let due = try await JobSchedule.query(on: database).filter(\.$status == .active)
            .filter(\.$nextRunAt <= now).sort(\.$nextRunAt).limit(batchSize).all(\.$id)
        let zone = try await ScheduleCatalog(database: database, audit: audit, now: self.now).defaultZone()
        for id in due.compactMap({ $0 }) {
            try await fire(id, now: now, defaultZone: zone, report: &report)
        }
        report.moreDue = due.count == batchSize
        report.nextDue = try await JobSchedule.query(on: database).filter(\.$status == .active)
            .filter(\.$nextRunAt != nil).sort(\.$nextRunAt).first()?.nextRunAt
        return report
    }

    /// Fires one due schedule: every due time up to `now` (capped), by the missed-run policy, then the overlap
    /// policy; then its next fire time.
    func fire(_ id: Int, now: Date, defaultZone: String, report: inout Report) async throws {
        // Two nodes starting runs of one job at once can collide on its execution number; the loser's transaction
        // is rolled back whole and tried again (its schedule is then locked, or no longer due).
        let outcome: Report = try await Self.retryingConflicts {
            try await fireOnce(id, now: now, defaultZone: defaultZone)
        }
        report.fired += outcome.fired
        report.skipped += outcome.skipped
        report.missed += outcome.missed
        report.buffered += outcome.buffered
        report.failed += outcome.failed
        if let metrics = engine.instruments {
            metrics.scheduleOccurrences(.running, count: outcome.fired)
            metrics.scheduleOccurrences(.skipped, count: outcome.skipped)
            metrics.scheduleOccurrences(.missed, count: outcome.missed)
            metrics.scheduleOccurrences(.buffered, count: outcome.buffered)
            metrics.scheduleOccurrences(.failed, count: outcome.failed)
            for seconds in outcome.lateness { metrics.scheduleLaunched(lateBy: seconds) }
        }
    }

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

    private func fireOnce(_ id: Int, now: Date, defaultZone: String) async throws -> Report {
        let engine = engine
        let clock = self.now
        let maxDue = maxDuePerSchedule
        return try await database.transaction { db in
            var report = Report()
            guard let row = try await Self.lockDue(id, now: now, on: db), let first = row.nextRunAt else {
                return report
            }
            let record = try ScheduleRecord(row)
            let timing = try record.draft.timing(defaultZone: defaultZone, anchor: row.startDate ?? first)
            var due = [first]
            while due.count < maxDue, let next = timing.next(after: due[due.count - 1]), next.instant <= now {
                due.append(next.instant)
            }
            let plan = record.draft.missedRuns.plan(
                due, now: now, window: TimeInterval(record.draft.catchupWindowSeconds), cap: record.draft.missedRunCap)
            var runs = row.currentRuns ?? 0
            let tx = JobEngine(
                database: db, vault: engine.vault, ssh: engine.ssh, http: engine.http,
                dataDirectory: engine.dataDirectory)
            let occurrences = ScheduleOccurrences(engine: tx, now: clock)
            for (time, run) in plan {
                if let maxRuns = row.maxRuns, runs >= maxRuns { break }
                guard let occurrence = try await occurrences.insert(schedule: id, at: time) else { continue }
                guard run else {
                    try await occurrences.settle(
                        occurrence, .missed, message: "missed: the scheduler was down or the schedule paused")
                    report.missed += 1
                    continue
                }
                switch try await occurrences.applyOverlap(record, occurrence: occurrence) {
                case .launched:
                    runs += 1
                    report.fired += 1
                    report.lateness.append(max(0, now.timeIntervalSince(time)))
                    row.lastRunAt = now
                case .skipped: report.skipped += 1
                case .buffered: report.buffered += 1
                case .failed: report.failed += 1
                }
            }
            row.currentRuns = runs
            let next = timing.next(after: due[due.count - 1])?.instant
            if let maxRuns = row.maxRuns, runs >= maxRuns {
                row.nextRunAt = nil
                row.status = .expired
            } else {
                row.nextRunAt = next
                if next == nil { row.status = .expired }
            }
            try await row.save(on: db)
            return report
        }
    }

    /// The schedule's row if it is still active and due, locked against other nodes on PostgreSQL (a node that
    /// finds it locked skips it: the holder fires it).
    static func lockDue(_ id: Int, now: Date, on db: any Database) async throws -> JobSchedule? {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            let locked = try await sql.raw(
                "SELECT id FROM job_schedules WHERE id = \(bind: id) FOR UPDATE SKIP LOCKED"
            ).first()
            guard locked != nil else { return nil }
        }
        guard let row = try await JobSchedule.find(id, on: db), row.status == .active,
            let next = row.nextRunAt, next <= now
        else { return nil }
        return row
    }

    /// Mirrors the executions of running occurrences onto their rows.
    func mirrorExecutions() async throws {
        let running = try await ScheduleExecution.query(on: database).filter(\.$status == .running)
            .filter(\.$jobExecutionID != nil).all()
        guard !running.isEmpty else { return }
        let ids = running.compactMap(\.jobExecutionID)
        let executions = try await Execution.query(on: database).filter(\.$id ~~ ids).all()
        let byID = Dictionary(executions.compactMap { e in e.id.map { ($0, e) } }, uniquingKeysWith: { a, _ in a })
        for occurrence in running {
            guard let id = occurrence.jobExecutionID, let execution = byID[id], execution.status.isTerminal else {
                continue
            }
            occurrence.status = ScheduleOccurrences.mirror(execution.status)
            occurrence.completedAt = execution.completedAt ?? now()
            try await occurrence.save(on: database)
        }
    }

    /// Starts the oldest buffered occurrence of each schedule whose previous run has ended.
    func releaseBuffered(now: Date, report: inout Report) async throws {
        let buffered = try await ScheduleExecution.query(on: database).filter(\.$status == .buffered)
            .sort(\.$scheduledAt).all()
        var seen: Set<Int> = []
        for occurrence in buffered where seen.insert(occurrence.jobScheduleID).inserted {
            let engine = engine
            let clock = self.now
            let launched: Bool = try await database.transaction { db in
                let tx = JobEngine(
                    database: db, vault: engine.vault, ssh: engine.ssh, http: engine.http,
                    dataDirectory: engine.dataDirectory)
                let occurrences = ScheduleOccurrences(engine: tx, now: clock)
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
