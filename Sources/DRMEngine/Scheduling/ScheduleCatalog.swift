public import DRMCore
import DRMStore
public import FluentKit
public import Foundation
import SQLKit

/// Creating, reading, pausing, resuming, deleting and triggering schedules, and previewing their fire times;
/// every change is audited.
public struct ScheduleCatalog: Sendable {
    public let database: any Database
    public let audit: AuditTrail
    public var now: @Sendable () -> Date

    public init(database: any Database, audit: AuditTrail, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.audit = audit
        self.now = now
    }

    /// The fire times a draft would have, with the warnings to show before saving it.
    public struct Preview: Sendable {
        public var fireTimes: [FireTime]
        public var warnings: [String]
        public var zone: String
    }

    /// The system setting `timezone`, the zone of schedules that name none.
    public func defaultZone() async throws -> String {
        if case .string(let zone) = try await SystemSettings(database: database).value(.timezone) { return zone }
        return "UTC"
    }

    /// The next `count` fire times of `draft` after now, with DST marks and warnings.
    public func preview(_ draft: ScheduleDraft, count: Int = 10) async throws -> Preview {
        let zone = try await defaultZone()
        let timing = try draft.timing(defaultZone: zone, anchor: draft.start ?? now())
        var warnings: [String] = []
        if case .cron(let expression) = timing.rule, expression.dayFieldsEitherMatch {
            warnings.append(
                "Both day of month and day of week are restricted: the job runs on days matching EITHER field "
                    + "(classic cron rule).")
        }
        let fires = timing.next(after: now(), count: count)
        if fires.contains(where: { $0.adjustment != nil }) {
            warnings.append("A DST change moves or repeats some of these times; see the marks.")
        }
        return Preview(fireTimes: fires, warnings: warnings, zone: timing.zone.identifier)
    }

    /// Creates a schedule of a live job; its first fire time is computed now.
    public func create(_ given: ScheduleDraft, createdBy: Int, origin: String = "user") async throws -> ScheduleRecord {
        var given = given
        let now = now()
        // Intervals and calendars count from their start; without one, from their creation.
        if given.kind == .interval || given.kind == .calendar, given.start == nil { given.start = now }
        let draft = given
        let timing = try draft.timing(defaultZone: try await defaultZone(), anchor: now)
        if origin == "user", draft.kind == .once, let runAt = draft.runAt, runAt < now.addingTimeInterval(-60) {
            throw ScheduleRuleError.invalid(field: "run_at", reason: "is in the past")
        }
        try await requireJob(draft.jobID)
        return try await database.transaction { db in
            let row = JobSchedule()
            row.scheduleUUID = UUID()
            row.scheduleSerial =
                "JSCHED-" + row.scheduleUUID.uuidString.prefix(13).replacingOccurrences(of: "-", with: "")
            row.createdBy = createdBy
            row.status = .active
            row.isActive = true
            row.currentRuns = 0
            row.origin = origin
            try ScheduleRecord.apply(draft, to: row)
            // A one-shot time is due even if it just passed (a job's start time adopted late): the missed-run
            // policy decides.
            row.nextRunAt =
                draft.kind == .once ? draft.runAt : timing.next(after: now)?.instant
            if row.nextRunAt == nil { row.status = .expired }
            try await row.create(on: db)
            let record = try ScheduleRecord(row)
            try await audit.record(
                .scheduleCreated, resource: ("schedule", String(record.id)),
                details: ["name": .string(record.draft.name), "job_id": .number(Double(draft.jobID))], on: db)
            return record
        }
    }

    /// Replaces a schedule's definition (a full replacement, as `PUT`): checked like a new one, its next fire time
    /// recomputed from now. An interval or calendar given no start keeps its anchor, so it doesn't drift. An expired
    /// schedule that fires again becomes active; a paused one stays paused. Audited with the changed fields.
    public func update(_ id: Int, _ given: ScheduleDraft) async throws -> ScheduleRecord {
        let now = now()
        let zone = try await defaultZone()
        guard let current = try await JobSchedule.find(id, on: database) else {
            throw ScheduleError.notFound("schedule \(id)")
        }
        var draft = given
        if draft.kind == .interval || draft.kind == .calendar, draft.start == nil {
            draft.start = current.startDate ?? now
        }
        let timing = try draft.timing(defaultZone: zone, anchor: now)
        if draft.kind == .once, let runAt = draft.runAt, runAt < now.addingTimeInterval(-60) {
            throw ScheduleRuleError.invalid(field: "run_at", reason: "is in the past")
        }
        try await requireJob(draft.jobID)
        let checked = draft
        return try await database.transaction { db in
            guard let row = try await JobSchedule.find(id, on: db) else {
                throw ScheduleError.notFound("schedule \(id)")
            }
            let before = try ScheduleRecord(row).draft
            try ScheduleRecord.apply(checked, to: row)
            let runs = row.currentRuns ?? 0
            let next = checked.kind == .once ? checked.runAt : timing.next(after: now)?.instant
            if let maxRuns = checked.maxRuns, runs >= maxRuns {
                row.nextRunAt = nil
                row.status = .expired
            } else {
                row.nextRunAt = next
                if next == nil {
                    row.status = .expired
                } else if row.status == .expired {
                    row.status = .active
                    row.isActive = true
                }
            }
            try await row.save(on: db)
            let record = try ScheduleRecord(row)
            try await audit.record(
                .scheduleUpdated, resource: ("schedule", String(id)),
                details: [
                    "name": .string(record.draft.name),
                    "changed": .array(before.changedFields(to: record.draft).map(JSONValue.string)),
                ], on: db)
            return record
        }
    }

    /// Refuses a draft whose job doesn't exist (or was deleted), naming `job_id`.
    private func requireJob(_ id: Int) async throws {
        guard let job = try await Job.find(id, on: database), !job.isDeleted else {
            throw ScheduleRuleError.invalid(field: "job_id", reason: "job \(id) does not exist")
        }
    }

    /// One schedule.
    public func find(_ id: Int) async throws -> ScheduleRecord {
        guard let row = try await JobSchedule.find(id, on: database) else {
            throw ScheduleError.notFound("schedule \(id)")
        }
        return try ScheduleRecord(row)
    }

    /// Schedules, optionally of one job, by id.
    public func list(jobID: Int? = nil) async throws -> [ScheduleRecord] {
        var query = JobSchedule.query(on: database).sort(\.$id)
        if let jobID { query = query.filter(\.$jobID == jobID) }
        return try await query.all().map(ScheduleRecord.init)
    }

    /// Pauses a schedule: nothing fires until it is resumed; the times in between go to the missed-run policy.
    public func pause(_ id: Int, reason: String?) async throws -> ScheduleRecord {
        try await change(id, .schedulePaused, details: ["reason": reason.map(JSONValue.string) ?? .null]) { row in
            guard row.status == .active else {
                throw ScheduleError.conflict(
                    field: nil, message: "schedule \(id) is \(row.status.rawValue), not active")
            }
            row.status = .paused
            row.isActive = false
            row.pausedReason = reason
        }
    }

    /// Resumes a paused schedule.
    public func resume(_ id: Int) async throws -> ScheduleRecord {
        try await change(id, .scheduleResumed, details: [:]) { row in
            guard row.status == .paused else {
                throw ScheduleError.conflict(
                    field: nil, message: "schedule \(id) is \(row.status.rawValue), not paused")
            }
            row.status = .active
            row.isActive = true
            row.pausedReason = nil
        }
    }

    /// Deletes a schedule and its occurrence rows (their executions stay).
    public func delete(_ id: Int) async throws {
        try await database.transaction { db in
            guard let row = try await JobSchedule.find(id, on: db) else {
                throw ScheduleError.notFound("schedule \(id)")
            }
            try await ScheduleExecution.query(on: db).filter(\.$jobScheduleID == id).delete()
            try await row.delete(on: db)
            try await audit.record(
                .scheduleDeleted, resource: ("schedule", String(id)), details: ["name": .string(row.name)], on: db)
        }
    }

    private func change(
        _ id: Int, _ action: AuditAction, details: [String: JSONValue],
        _ body: @escaping @Sendable (JobSchedule) throws -> Void
    ) async throws -> ScheduleRecord {
        try await database.transaction { db in
            guard let row = try await JobSchedule.find(id, on: db) else {
                throw ScheduleError.notFound("schedule \(id)")
            }
            try body(row)
            try await row.save(on: db)
            try await audit.record(action, resource: ("schedule", String(id)), details: .object(details), on: db)
            return try ScheduleRecord(row)
        }
    }
}

extension ScheduleCatalog {
    /// A page of a schedule's occurrences, newest first, optionally of one status; and the total.
    public func occurrences(
        of id: Int, status: ScheduleExecutionStatus? = nil, page: Int = 1, perPage: Int = 50
    ) async throws -> (items: [ScheduleOccurrence], total: Int) {
        var query = ScheduleExecution.query(on: database).filter(\.$jobScheduleID == id)
        if let status { query = query.filter(\.$status == status) }
        let total = try await query.count()
        let rows = try await query.sort(\.$scheduledAt, .descending).range(((page - 1) * perPage)..<(page * perPage))
            .all()
        return (try rows.map(ScheduleOccurrence.init), total)
    }
}
