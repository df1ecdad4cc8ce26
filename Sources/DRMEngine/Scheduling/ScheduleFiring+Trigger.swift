public import DRMCore
import DRMStore
import FluentKit
public import Foundation

extension ScheduleFiring {
    /// Runs a schedule's job now, outside its overlap policy and its count of runs, as one occurrence at this
    /// instant; audited as the caller.
    public func trigger(_ id: Int, audit: AuditTrail) async throws -> ScheduleOccurrence {
        let engine = engine
        let clock = now
        return try await database.transaction { db in
            guard let row = try await JobSchedule.find(id, on: db) else {
                throw ScheduleError.notFound("schedule \(id)")
            }
            let record = try ScheduleRecord(row)
            let tx = JobEngine(
                database: db, vault: engine.vault, ssh: engine.ssh, http: engine.http,
                dataDirectory: engine.dataDirectory)
            let occurrences = ScheduleOccurrences(engine: tx, now: clock)
            let at = Date(timeIntervalSince1970: (clock().timeIntervalSince1970 * 1000).rounded() / 1000)
            guard
                let occurrence = try await occurrences.insert(
                    schedule: id, at: at,
                    context: ["trigger": "manual", "by": .string(audit.context.actorName)])
            else { throw ScheduleError.conflict(field: nil, message: "schedule \(id) was triggered at this instant") }
            let started = try await occurrences.launch(record, occurrence: occurrence, trigger: "manual")
            try await audit.record(
                .scheduleTriggered, resource: ("schedule", String(id)),
                details: [
                    "started": .bool(started),
                    "execution_id": occurrence.jobExecutionID.map { .number(Double($0)) } ?? .null,
                ],
                on: db)
            return try ScheduleOccurrence(occurrence)
        }
    }
}

/// One occurrence of a schedule, as the API and pages show it.
public struct ScheduleOccurrence: Sendable, Equatable {
    public var id: Int
    public var scheduleID: Int
    public var scheduledAt: Date
    public var status: ScheduleExecutionStatus
    public var executionID: Int?
    public var startedAt: Date?
    public var completedAt: Date?
    public var summary: String?
    public var error: String?

    init(_ row: ScheduleExecution) throws {
        id = try row.requireID()
        scheduleID = row.jobScheduleID
        scheduledAt = row.scheduledAt
        status = row.status
        executionID = row.jobExecutionID
        startedAt = row.startedAt
        completedAt = row.completedAt
        summary = row.resultSummary
        error = row.errorMessage
    }
}
