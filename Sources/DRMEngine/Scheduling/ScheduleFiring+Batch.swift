import DRMCore
import DRMStore
import FluentKit
import Foundation
import SQLKit

extension ScheduleFiring {
    /// One claimed schedule and what is due of it.
    struct Planned {
        var row: JobSchedule
        var record: ScheduleRecord
        var timing: ScheduleTiming
        /// The due times, oldest first, and whether each runs (the missed-run policy).
        var plan: [(Date, Bool)]
        var next: Date?
    }

    /// Fires one batch of due schedules in one transaction: claims up to `batchSize` of them (on PostgreSQL with
    /// `FOR UPDATE SKIP LOCKED`, so concurrent batches and nodes take disjoint ones), and fires the common case
    /// (one due time, nothing of it still running, or `allow_all`) with a few multi-row statements; the others
    /// (several due times, an overlap to decide, a maximum of runs) one occurrence at a time in the same
    /// transaction. A crash before the commit leaves nothing: the schedules are still due for the next leader.
    /// What it did and how many schedules it claimed.
    func fireBatch(now: Date, defaultZone: String) async throws -> (Report, Int) {
        let limit = batchSize
        let clock = self.now
        return try await database.transaction { db in
            let rows = try await Self.claimDue(limit: limit, now: now, on: db)
            guard !rows.isEmpty else { return (Report(), 0) }
            let occurrences = ScheduleOccurrences(engine: engine(on: db), now: clock)
            let busy = try await occurrences.schedulesRunning(rows.compactMap(\.id))
            var report = Report()
            var quick: [Planned] = []
            for row in rows {
                guard let planned = try await plan(row, now: now, defaultZone: defaultZone, on: db) else { continue }
                let runs = row.currentRuns ?? 0
                if planned.plan.count == 1, planned.plan[0].1, row.maxRuns.map({ runs < $0 }) ?? true,
                    !busy.contains(planned.record.id) || planned.record.draft.overlap == .allowAll
                {
                    quick.append(planned)
                } else {
                    report.add(try await fireEach(planned, now: now, occurrences: occurrences, on: db))
                }
            }
            report.add(try await fireQuick(quick, now: now, occurrences: occurrences, on: db))
            return (report, rows.count)
        }
    }

    /// Up to `limit` active due schedules, soonest first, locked against other transactions on PostgreSQL.
    static func claimDue(limit: Int, now: Date, on db: any Database) async throws -> [JobSchedule] {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            let ids = try await sql.raw(
                """
                SELECT id FROM job_schedules WHERE status = 'active' AND next_run_at <= \(bind: now)
                ORDER BY next_run_at LIMIT \(literal: limit) FOR UPDATE SKIP LOCKED
                """
            ).all().map { try $0.decode(column: "id", as: Int.self) }
            guard !ids.isEmpty else { return [] }
            return try await JobSchedule.query(on: db).filter(\.$id ~~ ids).sort(\.$nextRunAt).all()
        }
        return try await JobSchedule.query(on: db).filter(\.$status == .active).filter(\.$nextRunAt <= now)
            .sort(\.$nextRunAt).limit(limit).all()
    }

    /// The due times of a claimed schedule (capped at `maxDuePerSchedule`), planned by its missed-run policy; a
    /// schedule whose stored rule can no longer be computed is paused with the reason instead of stopping every
    /// pass.
    func plan(_ row: JobSchedule, now: Date, defaultZone: String, on db: any Database) async throws -> Planned? {
        guard let first = row.nextRunAt else { return nil }
        let record: ScheduleRecord
        let timing: ScheduleTiming
        do {
            record = try ScheduleRecord(row)
            timing = try record.draft.timing(defaultZone: defaultZone, anchor: row.startDate ?? first)
        } catch {
            row.status = .paused
            row.pausedReason = String("the schedule can't be computed: \(error)".prefix(500))
            try await row.save(on: db)
            return nil
        }
        var due = [first]
        while due.count < maxDuePerSchedule, let next = timing.next(after: due[due.count - 1]), next.instant <= now {
            due.append(next.instant)
        }
        let plan = record.draft.missedRuns.plan(
            due, now: now, window: TimeInterval(record.draft.catchupWindowSeconds), cap: record.draft.missedRunCap)
        return Planned(
            row: row, record: record, timing: timing, plan: plan, next: timing.next(after: due[due.count - 1])?.instant)
    }

    /// Fires a schedule's due times one by one: each missed one recorded, each other one by the overlap policy,
    /// until the maximum of runs; then its next fire time.
    func fireEach(_ planned: Planned, now: Date, occurrences: ScheduleOccurrences, on db: any Database)
        async throws -> Report
    {
        var report = Report()
        let row = planned.row
        var runs = row.currentRuns ?? 0
        for (time, run) in planned.plan {
            if let maxRuns = row.maxRuns, runs >= maxRuns { break }
            guard let occurrence = try await occurrences.insert(schedule: planned.record.id, at: time) else {
                continue
            }
            guard run else {
                try await occurrences.settle(
                    occurrence, .missed, message: "missed: the scheduler was down or the schedule paused")
                report.missed += 1
                continue
            }
            switch try await occurrences.applyOverlap(planned.record, occurrence: occurrence) {
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
        if let maxRuns = row.maxRuns, runs >= maxRuns {
            row.nextRunAt = nil
            row.status = .expired
        } else {
            row.nextRunAt = planned.next
            if planned.next == nil { row.status = .expired }
        }
        try await row.save(on: db)
        return report
    }

    /// Fires schedules with one due time that runs now, all together: their occurrences in one insert (those
    /// already recorded start nothing), their runs in one batch launch, the links in one update, and the schedules'
    /// next times in one update per distinct next time.
    func fireQuick(_ planned: [Planned], now: Date, occurrences: ScheduleOccurrences, on db: any Database)
        async throws -> Report
    {
        var report = Report()
        guard !planned.isEmpty else { return report }
        let inserted = try await occurrences.insert(planned.map { ($0.record.id, $0.plan[0].0) })
        let fired = planned.filter { inserted[$0.record.id] != nil }
        var launcher = occurrences.engine.launcher(AuditTrail(.system, now: self.now))
        launcher.now = self.now
        let outcomes = try await launcher.launch(
            batch: fired.map {
                .init(jobID: $0.record.draft.jobID, parameters: $0.record.draft.parameters, trigger: "schedule")
            }, on: db)
        var links: [(occurrence: Int, execution: Int, serial: String)] = []
        var launched: Set<Int> = []
        for (planned, outcome) in zip(fired, outcomes) {
            guard let occurrence = inserted[planned.record.id] else { continue }
            switch outcome {
            case .launched(let execution, let serial):
                links.append((occurrence, execution, serial))
                launched.insert(planned.record.id)
                report.fired += 1
                report.lateness.append(max(0, now.timeIntervalSince(planned.plan[0].0)))
            case .refused(let message):
                try await occurrences.fail(occurrence, message: message)
                report.failed += 1
            }
        }
        try await occurrences.link(links)
        try await advance(planned, launched: launched, now: now, on: db)
        return report
    }

    /// Writes the schedules' next fire times, run counts and statuses after `fireQuick`: one update per distinct
    /// (next time, status, launched).
    private func advance(_ planned: [Planned], launched: Set<Int>, now: Date, on db: any Database) async throws {
        struct Key: Hashable {
            var next: Date?
            var status: ScheduleStatus
            var launched: Bool
        }
        var groups: [Key: [Int]] = [:]
        for item in planned {
            let ran = launched.contains(item.record.id)
            let runs = (item.row.currentRuns ?? 0) + (ran ? 1 : 0)
            let exhausted = item.row.maxRuns.map { runs >= $0 } ?? false
            let next = exhausted ? nil : item.next
            groups[Key(next: next, status: next == nil ? .expired : .active, launched: ran), default: []].append(
                item.record.id)
        }
        let sql = db as! any SQLDatabase
        for (key, ids) in groups {
            for chunk in ids.chunked(500) {
                var update = sql.update(JobSchedule.schema)
                    .set("next_run_at", to: SQLBind(key.next))
                    .set("status", to: SQLLiteral.string(key.status.rawValue))
                    .set("updated_at", to: SQLBind(self.now()))
                if key.launched {
                    update = update.set("last_run_at", to: SQLBind(now))
                        .set("current_runs", to: SQLRaw("COALESCE(current_runs, 0) + 1"))
                }
                try await update.where("id", .in, SQLBind.group(chunk)).run()
            }
        }
    }
}
