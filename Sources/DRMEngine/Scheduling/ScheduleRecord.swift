public import DRMCore
import DRMStore
import FluentKit
public import Foundation

/// One schedule as the use cases and pages see it.
public struct ScheduleRecord: Sendable {
    public var id: Int
    public var serial: String
    public var draft: ScheduleDraft
    public var status: ScheduleStatus
    public var pausedReason: String?
    public var currentRuns: Int
    public var nextRunAt: Date?
    public var lastRunAt: Date?
    public var createdAt: Date?
    /// `user`, or `job_scheduled_at` for a job's one-shot start time.
    public var origin: String

    init(_ row: JobSchedule) throws {
        id = try row.requireID()
        serial = row.scheduleSerial
        status = row.status
        pausedReason = row.pausedReason
        currentRuns = row.currentRuns ?? 0
        nextRunAt = row.nextRunAt
        lastRunAt = row.lastRunAt
        createdAt = row.createdAt
        origin = row.origin
        let kind: ScheduleDraft.Kind =
            switch row.scheduleType {
            case .oneTime: .once
            case .cron: .cron
            case .interval: row.scheduleConfig == nil ? .interval : .calendar
            }
        var calendar: ScheduleDraft.Calendar?
        if kind == .calendar, let config = row.scheduleConfig {
            calendar = try? JSONDecoder().decode(ScheduleDraft.Calendar.self, from: JSONEncoder().encode(config))
        }
        var parameters: [String: JSONValue] = [:]
        if case .object(let object)? = row.parameters { parameters = object }
        draft = ScheduleDraft(
            jobID: row.jobID, name: row.name, description: row.description, kind: kind,
            cronExpression: row.cronExpression, intervalSeconds: row.intervalSeconds, calendar: calendar,
            runAt: kind == .once ? row.startDate : nil, timezone: row.timezone,
            start: kind == .once ? nil : row.startDate, end: row.endDate, maxRuns: row.maxRuns,
            parameters: parameters, overlap: OverlapPolicy(rawValue: row.overlapPolicy) ?? .skip,
            missedRuns: MissedRunPolicy(rawValue: row.missedRunPolicy) ?? .runOnce,
            catchupWindowSeconds: row.catchupWindowSeconds, missedRunCap: row.missedRunCap)
    }

    /// Writes `draft` into `row`'s columns.
    static func apply(_ draft: ScheduleDraft, to row: JobSchedule) throws {
        row.jobID = draft.jobID
        row.name = draft.name.trimmingCharacters(in: .whitespaces)
        row.description = draft.description
        row.scheduleType =
            switch draft.kind {
            case .once: .oneTime
            case .cron: .cron
            case .interval, .calendar: .interval
            }
        row.cronExpression = draft.kind == .cron ? draft.cronExpression : nil
        row.intervalSeconds = draft.kind == .interval ? draft.intervalSeconds : nil
        row.scheduleConfig =
            try draft.calendar.flatMap { calendar in
                draft.kind == .calendar
                    ? try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(calendar)) : nil
            }
        row.startDate = draft.kind == .once ? draft.runAt : draft.start
        row.endDate = draft.end
        row.timezone = draft.timezone
        row.maxRuns = draft.maxRuns
        row.parameters = draft.parameters.isEmpty ? nil : .object(draft.parameters)
        row.overlapPolicy = draft.overlap.rawValue
        row.missedRunPolicy = draft.missedRuns.rawValue
        row.catchupWindowSeconds = draft.catchupWindowSeconds
        row.missedRunCap = draft.missedRunCap
    }
}
