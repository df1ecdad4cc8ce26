import DRMCore
import DRMEngine
import Foundation
import Vapor

/// The schedule form of the web UI (create and edit), as posted: every field as text, checked into a
/// `ScheduleDraft` with errors naming the field; drawn again as sent after a refusal or a preview.
struct ScheduleForm: Content, Sendable {
    var name = ""
    var jobID = ""
    var kind = "cron"
    var cronExpression = ""
    var intervalSeconds = ""
    /// `once`: a wall time (`YYYY-MM-DDTHH:MM`) in the form's zone.
    var runAt = ""
    var recurringType = "daily"
    var calendarInterval = "1"
    var time = ""
    /// `weekly`: day numbers, 0 Sunday … 6 Saturday, comma-separated.
    var daysOfWeek = ""
    var dayOfMonth = ""
    var timezone = ""
    var overlapPolicy = OverlapPolicy.skip.rawValue
    var missedRunPolicy = MissedRunPolicy.runOnce.rawValue
    var maxRuns = ""
    /// `preview` (draw the next fire times) or `save`.
    var action: String?

    enum CodingKeys: String, CodingKey {
        case name, kind, time, timezone, action
        case jobID = "job_id"
        case cronExpression = "cron_expression"
        case intervalSeconds = "interval_seconds"
        case runAt = "run_at"
        case recurringType = "recurring_type"
        case calendarInterval = "calendar_interval"
        case daysOfWeek = "days_of_week"
        case dayOfMonth = "day_of_month"
        case overlapPolicy = "overlap_policy"
        case missedRunPolicy = "missed_run_policy"
        case maxRuns = "max_runs"
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys, _ fallback: String = "") throws -> String {
            try c.decodeIfPresent(String.self, forKey: key)?.trimmingCharacters(in: .whitespaces) ?? fallback
        }
        name = try text(.name)
        jobID = try text(.jobID)
        kind = try text(.kind, "cron")
        cronExpression = try text(.cronExpression)
        intervalSeconds = try text(.intervalSeconds)
        runAt = try text(.runAt)
        recurringType = try text(.recurringType, "daily")
        calendarInterval = try text(.calendarInterval, "1")
        time = try text(.time)
        daysOfWeek = try text(.daysOfWeek)
        dayOfMonth = try text(.dayOfMonth)
        timezone = try text(.timezone)
        overlapPolicy = try text(.overlapPolicy, OverlapPolicy.skip.rawValue)
        missedRunPolicy = try text(.missedRunPolicy, MissedRunPolicy.runOnce.rawValue)
        maxRuns = try text(.maxRuns)
        action = try c.decodeIfPresent(String.self, forKey: .action)
    }

    /// The form showing a stored schedule.
    init(_ record: ScheduleRecord) {
        let draft = record.draft
        let zone = draft.timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        name = draft.name
        jobID = String(draft.jobID)
        kind = draft.kind.rawValue
        cronExpression = draft.cronExpression ?? ""
        intervalSeconds = draft.intervalSeconds.map(String.init) ?? ""
        runAt = draft.runAt.map { Self.WallTime.string(in: zone, $0) } ?? ""
        recurringType = draft.calendar?.recurringType ?? "daily"
        calendarInterval = String(draft.calendar?.interval ?? 1)
        time = draft.calendar?.time ?? ""
        daysOfWeek = draft.calendar?.daysOfWeek?.map(String.init).joined(separator: ",") ?? ""
        dayOfMonth = draft.calendar?.dayOfMonth.map(String.init) ?? ""
        timezone = draft.timezone ?? ""
        overlapPolicy = draft.overlap.rawValue
        missedRunPolicy = draft.missedRuns.rawValue
        maxRuns = draft.maxRuns.map(String.init) ?? ""
    }

    var isPreview: Bool { action == "preview" }

    /// The draft the form describes; `keeping` supplies what the form doesn't show (an edited schedule's start,
    /// end, parameters and catch-up settings). Each error names the form's field.
    func draft(keeping stored: ScheduleDraft? = nil, defaultZone: String) throws -> ScheduleDraft {
        guard let job = Int(jobID), job > 0 else {
            throw ScheduleRuleError.invalid(field: "job_id", reason: "choose a job")
        }
        guard let kind = ScheduleDraft.Kind(rawValue: kind) else {
            throw ScheduleRuleError.invalid(field: "kind", reason: "unknown kind \"\(self.kind)\"")
        }
        guard let overlap = OverlapPolicy(rawValue: overlapPolicy) else {
            throw ScheduleRuleError.invalid(field: "overlap_policy", reason: "unknown policy \"\(overlapPolicy)\"")
        }
        guard let missed = MissedRunPolicy(rawValue: missedRunPolicy) else {
            throw ScheduleRuleError.invalid(field: "missed_run_policy", reason: "unknown policy \"\(missedRunPolicy)\"")
        }
        var draft =
            stored ?? ScheduleDraft(jobID: job, name: name, kind: kind)
        draft.jobID = job
        draft.name = name
        draft.kind = kind
        draft.timezone = timezone.isEmpty ? nil : timezone
        draft.overlap = overlap
        draft.missedRuns = missed
        draft.maxRuns = try Self.number(maxRuns, field: "max_runs")
        draft.cronExpression = kind == .cron ? cronExpression : nil
        draft.intervalSeconds = kind == .interval ? try Self.number(intervalSeconds, field: "interval_seconds") : nil
        draft.runAt = nil
        draft.calendar = nil
        switch kind {
        case .once:
            let zone = TimeZone(identifier: timezone.isEmpty ? defaultZone : timezone) ?? TimeZone(identifier: "UTC")!
            guard let date = Self.WallTime.date(in: zone, runAt) else {
                throw ScheduleRuleError.invalid(field: "run_at", reason: "give a date and time (YYYY-MM-DDTHH:MM)")
            }
            draft.runAt = date
        case .calendar:
            let days = try daysOfWeek.split(separator: ",").map { part in
                guard let day = Int(part.trimmingCharacters(in: .whitespaces)) else {
                    throw ScheduleRuleError.invalid(
                        field: "days_of_week", reason: "\"\(part)\" is not a day number 0–6")
                }
                return day
            }
            draft.calendar = ScheduleDraft.Calendar(
                recurringType: recurringType,
                interval: try Self.number(calendarInterval, field: "calendar_interval") ?? 1,
                time: time.isEmpty ? nil : time, daysOfWeek: days.isEmpty ? nil : days,
                dayOfMonth: try Self.number(dayOfMonth, field: "day_of_month"))
        case .interval, .cron: break
        }
        return draft
    }

    static func number(_ text: String, field: String) throws -> Int? {
        guard !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw ScheduleRuleError.invalid(field: field, reason: "\"\(text)\" is not a whole number")
        }
        return value
    }

    /// `YYYY-MM-DDTHH:MM`, as a `datetime-local` input sends it, in a zone.
    enum WallTime {
        static func formatter(_ zone: TimeZone) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
            return formatter
        }

        static func string(in zone: TimeZone, _ date: Date) -> String { formatter(zone).string(from: date) }
        static func date(in zone: TimeZone, _ text: String) -> Date? { formatter(zone).date(from: text) }
    }
}
