import DRMCore
import DRMEngine
import Foundation
import Vapor

/// `POST /api/v1/schedules`, `PUT …/:id` and `POST …/preview`: a schedule as JSON (snake_case).
struct ScheduleRequest: Content, Sendable {
    var jobID: Int
    var name: String
    var description: String?
    var kind: ScheduleDraft.Kind
    var cronExpression: String?
    var intervalSeconds: Int?
    var scheduleConfig: ScheduleDraft.Calendar?
    var runAt: Date?
    var timezone: String?
    var startDate: Date?
    var endDate: Date?
    var maxRuns: Int?
    var parameters: [String: JSONValue]?
    var overlapPolicy: OverlapPolicy?
    var missedRunPolicy: MissedRunPolicy?
    var catchupWindowSeconds: Int?
    var missedRunCap: Int?

    enum CodingKeys: String, CodingKey {
        case name, description, kind, timezone, parameters
        case jobID = "job_id"
        case cronExpression = "cron_expression"
        case intervalSeconds = "interval_seconds"
        case scheduleConfig = "schedule_config"
        case runAt = "run_at"
        case startDate = "start_date"
        case endDate = "end_date"
        case maxRuns = "max_runs"
        case overlapPolicy = "overlap_policy"
        case missedRunPolicy = "missed_run_policy"
        case catchupWindowSeconds = "catchup_window_seconds"
        case missedRunCap = "missed_run_cap"
    }

    /// The request that would make `draft` (parameters left out: their values may be secret).
    init(_ draft: ScheduleDraft) {
        jobID = draft.jobID
        name = draft.name
        description = draft.description
        kind = draft.kind
        cronExpression = draft.cronExpression
        intervalSeconds = draft.intervalSeconds
        scheduleConfig = draft.calendar
        runAt = draft.runAt
        timezone = draft.timezone
        startDate = draft.start
        endDate = draft.end
        maxRuns = draft.maxRuns
        overlapPolicy = draft.overlap
        missedRunPolicy = draft.missedRuns
        catchupWindowSeconds = draft.catchupWindowSeconds
        missedRunCap = draft.missedRunCap
    }

    var draft: ScheduleDraft {
        ScheduleDraft(
            jobID: jobID, name: name, description: description, kind: kind, cronExpression: cronExpression,
            intervalSeconds: intervalSeconds, calendar: scheduleConfig, runAt: runAt, timezone: timezone,
            start: startDate, end: endDate, maxRuns: maxRuns, parameters: parameters ?? [:],
            overlap: overlapPolicy ?? .skip, missedRuns: missedRunPolicy ?? .runOnce,
            catchupWindowSeconds: catchupWindowSeconds ?? 3600, missedRunCap: missedRunCap ?? 10)
    }
}

/// A schedule in responses: its definition, in the same fields as `ScheduleRequest` (so an edit can send back what
/// it read), and its state.
struct ScheduleResponse: Content {
    var definition: ScheduleRequest
    var id: Int
    var serial: String
    var currentRuns: Int
    var status: String
    var pausedReason: String?
    var nextRunAt: Date?
    var lastRunAt: Date?
    var origin: String

    enum CodingKeys: String, CodingKey {
        case id, serial, status, origin
        case currentRuns = "current_runs"
        case pausedReason = "paused_reason"
        case nextRunAt = "next_run_at"
        case lastRunAt = "last_run_at"
    }

    init(_ record: ScheduleRecord) {
        definition = ScheduleRequest(record.draft)
        id = record.id
        serial = record.serial
        currentRuns = record.currentRuns
        status = record.status.rawValue
        pausedReason = record.pausedReason
        nextRunAt = record.nextRunAt
        lastRunAt = record.lastRunAt
        origin = record.origin
    }

    init(from decoder: any Decoder) throws {
        definition = try ScheduleRequest(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        serial = try container.decode(String.self, forKey: .serial)
        currentRuns = try container.decode(Int.self, forKey: .currentRuns)
        status = try container.decode(String.self, forKey: .status)
        pausedReason = try container.decodeIfPresent(String.self, forKey: .pausedReason)
        nextRunAt = try container.decodeIfPresent(Date.self, forKey: .nextRunAt)
        lastRunAt = try container.decodeIfPresent(Date.self, forKey: .lastRunAt)
        origin = try container.decode(String.self, forKey: .origin)
    }

    func encode(to encoder: any Encoder) throws {
        try definition.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(serial, forKey: .serial)
        try container.encode(currentRuns, forKey: .currentRuns)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(pausedReason, forKey: .pausedReason)
        try container.encodeIfPresent(nextRunAt, forKey: .nextRunAt)
        try container.encodeIfPresent(lastRunAt, forKey: .lastRunAt)
        try container.encode(origin, forKey: .origin)
    }
}

/// The preview: the next fire times, local and UTC, with their DST marks, and the warnings.
struct PreviewResponse: Content {
    struct Fire: Content {
        var local: String
        var utc: String
        var dst: String?
        var note: String?
    }

    var timezone: String
    var fireTimes: [Fire]
    var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case timezone, warnings
        case fireTimes = "fire_times"
    }

    init(_ preview: ScheduleCatalog.Preview) {
        timezone = preview.zone
        warnings = preview.warnings
        fireTimes = preview.fireTimes.map {
            Fire(local: $0.localISO8601, utc: $0.utcISO8601, dst: $0.adjustment?.rawValue, note: $0.adjustment?.phrase)
        }
    }
}

/// One occurrence in responses.
struct OccurrenceResponse: Content {
    var id: Int
    var scheduledAt: Date
    var status: String
    var executionID: Int?
    var startedAt: Date?
    var completedAt: Date?
    var summary: String?
    var error: String?

    enum CodingKeys: String, CodingKey {
        case id, status, summary, error
        case scheduledAt = "scheduled_at"
        case executionID = "execution_id"
        case startedAt = "started_at"
        case completedAt = "completed_at"
    }

    init(_ occurrence: ScheduleOccurrence) {
        id = occurrence.id
        scheduledAt = occurrence.scheduledAt
        status = occurrence.status.rawValue
        executionID = occurrence.executionID
        startedAt = occurrence.startedAt
        completedAt = occurrence.completedAt
        summary = occurrence.summary
        error = occurrence.error
    }
}

/// `POST …/:id/pause`.
struct PauseRequest: Content {
    var reason: String?
}

enum ScheduleSchemas {
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let schedule = Schema.object(
        [
            "job_id": Schema.integer(1...Int(Int32.max)), "name": Schema.string, "description": Schema.string,
            "kind": Schema.oneOf(ScheduleDraft.Kind.allCases.map(\.rawValue)), "cron_expression": Schema.string,
            "interval_seconds": Schema.integer(1...31_622_400),
            "schedule_config": Schema.object(
                [
                    "recurring_type": Schema.oneOf(["minutes", "hours", "daily", "weekly", "monthly"]),
                    "interval": Schema.integer(1...10_000), "time": Schema.string,
                    "days_of_week": Schema.array(Schema.integer(0...6)), "day_of_month": Schema.integer(1...31),
                ], required: ["recurring_type"]),
            "run_at": dateTime, "timezone": Schema.string, "start_date": dateTime, "end_date": dateTime,
            "max_runs": Schema.integer(1...Int(Int32.max)), "parameters": ["type": "object"],
            "overlap_policy": Schema.oneOf(OverlapPolicy.allCases.map(\.rawValue)),
            "missed_run_policy": Schema.oneOf(MissedRunPolicy.allCases.map(\.rawValue)),
            "catchup_window_seconds": Schema.integer(0...31_536_000), "missed_run_cap": Schema.integer(1...1000),
        ], required: ["job_id", "name", "kind"])
    static let pause = Schema.object(["reason": Schema.string])
}
