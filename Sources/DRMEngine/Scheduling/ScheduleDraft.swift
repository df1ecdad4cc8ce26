public import DRMCore
public import Foundation

/// What a schedule is made of, as a user gives it; `timing(zone:anchor:)` checks it into the evaluator.
public struct ScheduleDraft: Sendable, Hashable {
    /// The kinds a user picks from.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case once, interval, calendar, cron
    }

    /// The original's recurring kinds, for `calendar`.
    public struct Calendar: Sendable, Hashable, Codable {
        /// `minutes`, `hours`, `daily`, `weekly` or `monthly`.
        public var recurringType: String
        public var interval: Int
        /// `HH:MM`, for daily, weekly and monthly.
        public var time: String?
        /// 0 Sunday … 6 Saturday, for weekly.
        public var daysOfWeek: [Int]?
        /// 1–31, for monthly (past the month's end: its last day).
        public var dayOfMonth: Int?

        public init(
            recurringType: String, interval: Int = 1, time: String? = nil, daysOfWeek: [Int]? = nil,
            dayOfMonth: Int? = nil
        ) {
            self.recurringType = recurringType
            self.interval = interval
            self.time = time
            self.daysOfWeek = daysOfWeek
            self.dayOfMonth = dayOfMonth
        }

        enum CodingKeys: String, CodingKey {
            case recurringType = "recurring_type"
            case interval, time
            case daysOfWeek = "days_of_week"
            case dayOfMonth = "day_of_month"
        }
    }

    public var jobID: Int
    public var name: String
    public var description: String?
    public var kind: Kind
    public var cronExpression: String?
    public var intervalSeconds: Int?
    public var calendar: Calendar?
    /// For `once`: when.
    public var runAt: Date?
    /// An IANA zone; `nil` takes the system setting `timezone`.
    public var timezone: String?
    public var start: Date?
    public var end: Date?
    public var maxRuns: Int?
    public var parameters: [String: JSONValue]
    public var overlap: OverlapPolicy
    public var missedRuns: MissedRunPolicy
    public var catchupWindowSeconds: Int
    public var missedRunCap: Int

    public init(
        jobID: Int, name: String, description: String? = nil, kind: Kind, cronExpression: String? = nil,
        intervalSeconds: Int? = nil, calendar: Calendar? = nil, runAt: Date? = nil, timezone: String? = nil,
        start: Date? = nil, end: Date? = nil, maxRuns: Int? = nil, parameters: [String: JSONValue] = [:],
        overlap: OverlapPolicy = .skip, missedRuns: MissedRunPolicy = .runOnce, catchupWindowSeconds: Int = 3600,
        missedRunCap: Int = 10
    ) {
        self.jobID = jobID
        self.name = name
        self.description = description
        self.kind = kind
        self.cronExpression = cronExpression
        self.intervalSeconds = intervalSeconds
        self.calendar = calendar
        self.runAt = runAt
        self.timezone = timezone
        self.start = start
        self.end = end
        self.maxRuns = maxRuns
        self.parameters = parameters
        self.overlap = overlap
        self.missedRuns = missedRuns
        self.catchupWindowSeconds = catchupWindowSeconds
        self.missedRunCap = missedRunCap
    }

    /// The API names of the fields that differ in `other`, for the audit trail (parameters by name only: their
    /// values may be secret).
    public func changedFields(to other: ScheduleDraft) -> [String] {
        let pairs: [(String, Bool)] = [
            ("job_id", jobID == other.jobID), ("name", name == other.name),
            ("description", description == other.description), ("kind", kind == other.kind),
            ("cron_expression", cronExpression == other.cronExpression),
            ("interval_seconds", intervalSeconds == other.intervalSeconds),
            ("schedule_config", calendar == other.calendar), ("run_at", runAt == other.runAt),
            ("timezone", timezone == other.timezone), ("start_date", start == other.start),
            ("end_date", end == other.end), ("max_runs", maxRuns == other.maxRuns),
            ("parameters", parameters == other.parameters), ("overlap_policy", overlap == other.overlap),
            ("missed_run_policy", missedRuns == other.missedRuns),
            ("catchup_window_seconds", catchupWindowSeconds == other.catchupWindowSeconds),
            ("missed_run_cap", missedRunCap == other.missedRunCap),
        ]
        return pairs.filter { !$0.1 }.map(\.0)
    }

    /// Checks every field and builds the evaluator; `anchor` is where intervals and calendars count from when
    /// the draft has no start (its creation). Each error names its field.
    public func timing(defaultZone: String, anchor: Date) throws -> ScheduleTiming {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 255 else {
            throw ScheduleRuleError.invalid(field: "name", reason: "must be 1 to 255 characters")
        }
        let zone = try ScheduleTiming.zone(named: timezone ?? defaultZone)
        if let maxRuns, maxRuns < 1 { throw ScheduleRuleError.invalid(field: "max_runs", reason: "must be at least 1") }
        if let start, let end, end <= start {
            throw ScheduleRuleError.invalid(field: "end_date", reason: "must be after start_date")
        }
        guard (0...31_536_000).contains(catchupWindowSeconds) else {
            throw ScheduleRuleError.invalid(field: "catchup_window_seconds", reason: "must be 0 to 31536000 (a year)")
        }
        guard (1...1000).contains(missedRunCap) else {
            throw ScheduleRuleError.invalid(field: "missed_run_cap", reason: "must be 1 to 1000")
        }
        let anchor = start ?? anchor
        let rule: ScheduleRule
        switch kind {
        case .once:
            guard let runAt else { throw ScheduleRuleError.invalid(field: "run_at", reason: "is required for once") }
            rule = .once(runAt)
        case .interval:
            guard let seconds = intervalSeconds, (1...31_622_400).contains(seconds) else {
                throw ScheduleRuleError.invalid(
                    field: "interval_seconds", reason: "is required for interval: 1 to 31622400 seconds")
            }
            rule = .interval(seconds: seconds, anchor: anchor)
        case .cron:
            guard let cronExpression else {
                throw ScheduleRuleError.invalid(field: "cron_expression", reason: "is required for cron")
            }
            rule = .cron(try CronExpression(cronExpression))
        case .calendar:
            guard let calendar else {
                throw ScheduleRuleError.invalid(field: "schedule_config", reason: "is required for calendar")
            }
            rule = .calendar(try Self.calendarRule(calendar, anchor: anchor))
        }
        return ScheduleTiming(rule: rule, zone: zone, start: start, end: end)
    }

    static func calendarRule(_ calendar: Calendar, anchor: Date) throws(ScheduleRuleError) -> CalendarRule {
        var hour = 0
        var minute = 0
        if let time = calendar.time {
            let parts = time.split(separator: ":")
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let h = Int(parts[0]), let m = Int(parts[1])
            else { throw .invalid(field: "schedule_config.time", reason: "must be HH:MM, e.g. 09:30") }
            (hour, minute) = (h, m)
        }
        let recurrence: CalendarRule.Recurrence
        switch calendar.recurringType {
        case "minutes": recurrence = .minutes
        case "hours": recurrence = .hours
        case "daily": recurrence = .daily
        case "weekly": recurrence = .weekly(weekdays: Set(calendar.daysOfWeek ?? []))
        case "monthly":
            guard let day = calendar.dayOfMonth else {
                throw .invalid(field: "schedule_config.day_of_month", reason: "is required for monthly")
            }
            recurrence = .monthly(day: day)
        default:
            throw .invalid(
                field: "schedule_config.recurring_type", reason: "must be minutes, hours, daily, weekly or monthly")
        }
        return try CalendarRule(
            recurrence: recurrence, every: calendar.interval, hour: hour, minute: minute, anchor: anchor)
    }
}
