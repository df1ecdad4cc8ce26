import DRMCore
import DRMStore
import FluentKit
import Foundation
import SQLKit

/// The rows of `schedule_executions` and the runs they start, on one database (a transaction): insert under the
/// unique (schedule, scheduled time) key, decide by the overlap policy, launch and link.
struct ScheduleOccurrences: Sendable {
    /// The origin of a schedule made from a job's one-shot start time.
    static let jobStartOrigin = "job_scheduled_at"

    enum Decision: Equatable {
        case launched, skipped, buffered, failed
    }

    let engine: JobEngine
    let now: @Sendable () -> Date

    var database: any Database { engine.database }

    /// Inserts the occurrence of `schedule` at `time` unless it exists; `nil` when another pass (or node) already
    /// recorded it, in which case nothing may start for it.
    func insert(schedule: Int, at time: Date, context: JSONValue? = nil) async throws -> ScheduleExecution? {
        let sql = database as! any SQLDatabase
        let milliseconds = Int((time.timeIntervalSince1970 * 1000).rounded())
        let row = try await sql.insert(into: ScheduleExecution.schema)
            .columns("execution_uuid", "execution_serial", "job_schedule_id", "scheduled_at", "status", "created_at")
            .values(
                SQLBind(UUID()), SQLBind("SEXEC-\(schedule)-\(milliseconds)"), SQLBind(schedule), SQLBind(time),
                SQLLiteral.string(ScheduleExecutionStatus.scheduled.rawValue), SQLBind(now())
            )
            .ignoringConflicts(with: ["job_schedule_id", "scheduled_at"])
            .returning("id")
            .first()
        guard let id = try row?.decode(column: "id", as: Int.self) else { return nil }
        let occurrence = try await ScheduleExecution.find(id, on: database)
        if let context, let occurrence {
            occurrence.executionContext = context
            try await occurrence.save(on: database)
        }
        return occurrence
    }

    /// Inserts the occurrences (schedule, time) that don't exist yet in multi-row statements; the inserted ones'
    /// ids by schedule (give each schedule once). One missing from the answer was already recorded.
    func insert(_ pairs: [(schedule: Int, time: Date)]) async throws -> [Int: Int] {
        let sql = database as! any SQLDatabase
        let now = now()
        var inserted: [Int: Int] = [:]
        for chunk in pairs.chunked(500) {
            var insert = sql.insert(into: ScheduleExecution.schema)
                .columns(
                    "execution_uuid", "execution_serial", "job_schedule_id", "scheduled_at", "status", "created_at")
            for (schedule, time) in chunk {
                let milliseconds = Int((time.timeIntervalSince1970 * 1000).rounded())
                insert = insert.values(
                    SQLBind(UUID()), SQLBind("SEXEC-\(schedule)-\(milliseconds)"), SQLBind(schedule), SQLBind(time),
                    SQLLiteral.string(ScheduleExecutionStatus.scheduled.rawValue), SQLBind(now))
            }
            let rows = try await insert.ignoringConflicts(with: ["job_schedule_id", "scheduled_at"])
                .returning("id", "job_schedule_id").all()
            for row in rows {
                inserted[try row.decode(column: "job_schedule_id", as: Int.self)] = try row.decode(
                    column: "id", as: Int.self)
            }
        }
        return inserted
    }

    /// Links occurrences to the executions started for them (`running`, started now), in a few statements.
    func link(_ links: [(occurrence: Int, execution: Int, serial: String)]) async throws {
        let sql = database as! any SQLDatabase
        for chunk in links.chunked(400) {
            try await sql.update(ScheduleExecution.schema)
                .set("status", to: SQLLiteral.string(ScheduleExecutionStatus.running.rawValue))
                .set("started_at", to: SQLBind(now()))
                .set("job_execution_id", to: CaseByID(arms: chunk.map { ($0.occurrence, $0.execution) }))
                .set(
                    "result_summary",
                    to: CaseByID(arms: chunk.map { ($0.occurrence, "started execution \($0.serial)") })
                )
                .where("id", .in, SQLBind.group(chunk.map(\.occurrence)))
                .run()
        }
    }

    /// Marks an occurrence whose run was refused as failed, with the reason.
    func fail(_ occurrence: Int, message: String) async throws {
        try await ScheduleExecution.query(on: database).filter(\.$id == occurrence)
            .set(\.$status, to: .failed).set(\.$errorMessage, to: message).set(\.$completedAt, to: now()).update()
    }

    /// Which of `schedules` have an occurrence whose execution has not ended.
    func schedulesRunning(_ schedules: [Int]) async throws -> Set<Int> {
        let sql = database as! any SQLDatabase
        var busy: Set<Int> = []
        for chunk in schedules.chunked(500) {
            let rows = try await sql.raw(
                """
                SELECT DISTINCT o.job_schedule_id AS id FROM schedule_executions o
                JOIN job_executions e ON e.id = o.job_execution_id
                WHERE o.status = 'running' AND e.status IN ('scheduled', 'queued', 'running')
                AND o.job_schedule_id IN (\(binds: chunk))
                """
            ).all()
            for row in rows { busy.insert(try row.decode(column: "id", as: Int.self)) }
        }
        return busy
    }

    /// Ends an occurrence that starts nothing.
    func settle(_ occurrence: ScheduleExecution, _ status: ScheduleExecutionStatus, message: String?) async throws {
        occurrence.status = status
        occurrence.resultSummary = message
        occurrence.completedAt = status == .buffered ? nil : now()
        try await occurrence.save(on: database)
    }

    /// The execution a previous occurrence of `schedule` started that has not ended, if any.
    func runningExecution(of schedule: Int) async throws -> Int? {
        let linked = try await ScheduleExecution.query(on: database).filter(\.$jobScheduleID == schedule)
            .filter(\.$status == .running).filter(\.$jobExecutionID != nil).all(\.$jobExecutionID).compactMap { $0 }
        guard !linked.isEmpty else { return nil }
        return try await Execution.query(on: database).filter(\.$id ~~ linked)
            .filter(\.$status ~~ [.scheduled, .queued, .running]).first()?.id
    }

    /// Applies the schedule's overlap policy to a new occurrence.
    func applyOverlap(_ record: ScheduleRecord, occurrence: ScheduleExecution) async throws -> Decision {
        let running = try await runningExecution(of: record.id)
        guard let running else { return try await launch(record, occurrence: occurrence) ? .launched : .failed }
        switch record.draft.overlap {
        case .allowAll:
            return try await launch(record, occurrence: occurrence) ? .launched : .failed
        case .skip:
            try await settle(occurrence, .skipped, message: "skipped: the previous run was still going")
            return .skipped
        case .bufferOne:
            let waiting = try await ScheduleExecution.query(on: database).filter(\.$jobScheduleID == record.id)
                .filter(\.$status == .buffered).count()
            if waiting > 0 {
                try await settle(occurrence, .skipped, message: "skipped: one run already waits (buffer_one)")
                return .skipped
            }
            try await settle(occurrence, .buffered, message: "buffered: waits for the previous run")
            return .buffered
        case .bufferAll:
            try await settle(occurrence, .buffered, message: "buffered: waits for the previous run")
            return .buffered
        case .cancelOther:
            _ = try? await engine.cancel(executionID: running, audit: AuditTrail(.system, now: now))
            try await mirror(execution: running)
            return try await launch(record, occurrence: occurrence) ? .launched : .failed
        }
    }

    /// Starts the schedule's job for an occurrence and links them; a refusal (job gone, no targets, bad
    /// parameters) marks the occurrence failed with the reason instead of stopping the scheduler.
    func launch(_ record: ScheduleRecord, occurrence: ScheduleExecution, trigger: String = "schedule") async throws
        -> Bool
    {
        var launcher = engine.launcher(AuditTrail(.system, now: now))
        launcher.now = now
        do {
            let launched = try await launcher.launch(
                .init(jobID: record.draft.jobID, parameters: record.draft.parameters, trigger: trigger))
            occurrence.jobExecutionID = launched.executionID
            occurrence.status = .running
            occurrence.startedAt = now()
            occurrence.resultSummary = "started execution \(launched.serial)"
            try await occurrence.save(on: database)
            return true
        } catch let error as any DomainError {
            occurrence.status = .failed
            occurrence.errorMessage = error.message
            occurrence.completedAt = now()
            try await occurrence.save(on: database)
            return false
        }
    }

    /// Mirrors one execution onto the occurrences it started, if it has ended.
    func mirror(execution id: Int) async throws {
        guard let execution = try await Execution.find(id, on: database), execution.status.isTerminal else { return }
        try await ScheduleExecution.query(on: database).filter(\.$jobExecutionID == id)
            .set(\.$status, to: Self.mirror(execution.status)).set(\.$completedAt, to: execution.completedAt ?? now())
            .update()
    }

    /// The occurrence status that mirrors an ended execution.
    static func mirror(_ status: ExecutionStatus) -> ScheduleExecutionStatus {
        switch status {
        case .completed: .completed
        case .cancelled: .cancelled
        case .failed, .timedOut, .partiallyFailed, .skipped: .failed
        case .scheduled, .queued, .running: .running
        }
    }
}

/// `CASE id WHEN … THEN … END`: a value per row id, to update many rows differently in one statement.
struct CaseByID<Value: Encodable & Sendable>: SQLExpression {
    var arms: [(Int, Value)]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("CASE id")
        for (id, value) in arms {
            serializer.write(" WHEN ")
            SQLBind(id).serialize(to: &serializer)
            serializer.write(" THEN ")
            SQLBind(value).serialize(to: &serializer)
        }
        serializer.write(" END")
    }
}
