public import Foundation

/// The original's recurring schedules (`recurring_type` in `schedule_config`): every N minutes or hours (elapsed
/// time from the anchor), or every N days, weeks (on given weekdays) or months (on a day) at a wall time in the
/// schedule's zone, counted from the anchor's local date. A monthly day past the month's end runs on its last day.
public struct CalendarRule: Sendable, Hashable {
    /// The kind of recurrence.
    public enum Recurrence: Sendable, Hashable {
        /// Every N minutes from the anchor (seconds dropped).
        case minutes
        /// Every N hours from the anchor (seconds dropped).
        case hours
        /// Every N days at the time.
        case daily
        /// On the given weekdays (0 Sunday … 6 Saturday) of every N-th week (weeks start on Monday).
        case weekly(weekdays: Set<Int>)
        /// On the given day (1–31; past the month's end, its last day) of every N-th month.
        case monthly(day: Int)
    }

    /// The kind of recurrence.
    public let recurrence: Recurrence
    /// N: every how many minutes, hours, days, weeks or months (at least 1).
    public let every: Int
    /// The wall time, hour (0–23) and minute (0–59), for daily, weekly and monthly.
    public let hour: Int
    /// The wall time's minute.
    public let minute: Int
    /// Where counting starts: the schedule's start, or its creation.
    public let anchor: Date

    /// Checks the values; each error names its field in `schedule_config`.
    public init(recurrence: Recurrence, every: Int = 1, hour: Int = 0, minute: Int = 0, anchor: Date)
        throws(ScheduleRuleError)
    {
        guard (1...10_000).contains(every) else {
            throw .invalid(field: "schedule_config.interval", reason: "must be between 1 and 10000")
        }
        guard (0...23).contains(hour), (0...59).contains(minute) else {
            throw .invalid(field: "schedule_config.time", reason: "must be a time HH:MM from 00:00 to 23:59")
        }
        switch recurrence {
        case .weekly(let weekdays):
            guard !weekdays.isEmpty, weekdays.allSatisfy({ (0...6).contains($0) }) else {
                throw .invalid(
                    field: "schedule_config.days_of_week", reason: "give one or more weekdays, 0 (Sunday) to 6")
            }
        case .monthly(let day):
            guard (1...31).contains(day) else {
                throw .invalid(field: "schedule_config.day_of_month", reason: "must be between 1 and 31")
            }
        case .minutes, .hours, .daily: break
        }
        self.recurrence = recurrence
        self.every = every
        self.hour = hour
        self.minute = minute
        self.anchor = anchor
    }
}

/// A daily, weekly or monthly calendar rule as wall minutes, with the anchor's local date already found.
struct CalendarPattern: WallClockPattern {
    let rule: CalendarRule
    /// The anchor's local date, in days from 1970-01-01.
    let anchorDay: Int

    var followsClock: Bool { false }

    func firstMatch(atOrAfter wall: Int, before limit: Int) -> Int? {
        let time = rule.hour * 3600 + rule.minute * 60
        var day = CivilTime.floorDiv(wall, 86_400)
        if day * 86_400 + time < wall { day += 1 }
        let result: Int
        switch rule.recurrence {
        case .minutes, .hours:
            return nil
        case .daily:
            let steps = ((day - anchorDay) % rule.every + rule.every) % rule.every
            result = (day + (steps == 0 ? 0 : rule.every - steps)) * 86_400 + time
        case .weekly(let weekdays):
            let anchorWeek = anchorDay - (CivilTime.weekday(days: anchorDay) + 6) % 7
            var found: Int?
            for candidate in day..<(day + 7 * rule.every + 7) {
                let week = CivilTime.floorDiv(candidate - anchorWeek, 7)
                if weekdays.contains(CivilTime.weekday(days: candidate)),
                    (week % rule.every + rule.every) % rule.every == 0
                {
                    found = candidate
                    break
                }
            }
            guard let found else { return nil }
            result = found * 86_400 + time
        case .monthly(let dayOfMonth):
            let (anchorYear, anchorMonth, _) = CivilTime.date(days: anchorDay)
            var (year, month, _) = CivilTime.date(days: day)
            var index = year * 12 + month - 1
            let anchorIndex = anchorYear * 12 + anchorMonth - 1
            let behind = ((index - anchorIndex) % rule.every + rule.every) % rule.every
            if behind != 0 { index += rule.every - behind }
            while true {
                year = CivilTime.floorDiv(index, 12)
                month = index - year * 12 + 1
                let runDay = min(dayOfMonth, CivilTime.monthLength(year: year, month: month))
                let candidate = CivilTime.days(year: year, month: month, day: runDay)
                if candidate >= day {
                    result = candidate * 86_400 + time
                    break
                }
                index += rule.every
            }
        }
        return result < limit ? result : nil
    }
}
