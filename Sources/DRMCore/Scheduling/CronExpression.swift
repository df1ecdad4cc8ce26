/// A parsed five-field cron expression (minute, hour, day of month, month, day of week) as bit sets, with the
/// extensions `L` and `LW` (day of month) and `5L`, `FRI#2` (day of week). Build one with `CronExpression(_:)`,
/// which refuses a malformed expression and one that can never fire. It matches local wall-clock minutes; how
/// those become instants across DST is `ScheduleTiming`'s job.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let source: String
    /// Bits 0–59.
    let minutes: UInt64
    /// Bits 0–23.
    let hours: UInt32
    /// Bits 1–31: plain days of the month.
    let daysOfMonth: UInt32
    /// `L` in the day-of-month field: the month's last day.
    let lastDayOfMonth: Bool
    /// `LW` in the day-of-month field: the month's last weekday (Monday to Friday).
    let lastWeekdayOfMonth: Bool
    /// Bits 1–12.
    let months: UInt16
    /// Bits 0–6, 0 being Sunday: plain weekdays.
    let weekdays: UInt8
    /// Bits 0–6: `5L`, the last such weekday of the month.
    let lastWeekdays: UInt8
    /// Bit `7·(n-1) + weekday`: `FRI#2`, the n-th such weekday of the month.
    let nthWeekdays: UInt64
    /// The day-of-month field starts with `*`.
    let dayOfMonthStar: Bool
    /// The day-of-week field starts with `*`.
    let dayOfWeekStar: Bool
    /// The minute or the hour field starts with `*`: the job follows the clock across DST changes instead of
    /// running at a fixed wall time.
    public let followsClock: Bool

    public var description: String { source }

    /// Whether day of month and day of week are both restricted, so that either one matching is enough (the
    /// classic rule); a preview warns about it because it surprises people.
    public var dayFieldsEitherMatch: Bool {
        !dayOfMonthStar && !dayOfWeekStar
    }

    /// The days of a month that match, as bits 1–31, given its length and the weekday of its first day.
    @inline(__always)
    func days(length: Int, firstWeekday: Int) -> UInt32 {
        let all = UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(length + 1)) - 2)
        var dom = daysOfMonth & all
        if lastDayOfMonth { dom |= 1 << UInt32(length) }
        if lastWeekdayOfMonth {
            let lastWeekday = (firstWeekday + length - 1) % 7
            let back = lastWeekday == 6 ? 1 : lastWeekday == 0 ? 2 : 0
            dom |= 1 << UInt32(length - back)
        }
        var dow: UInt32 = 0
        if weekdays != 0 || lastWeekdays != 0 || nthWeekdays != 0 {
            for weekday in 0..<7 {
                let first = 1 + (weekday - firstWeekday + 7) % 7
                if weekdays & (1 << UInt8(weekday)) != 0 {
                    var day = first
                    while day <= length {
                        dow |= 1 << UInt32(day)
                        day += 7
                    }
                }
                if lastWeekdays & (1 << UInt8(weekday)) != 0 {
                    dow |= 1 << UInt32(first + (length - first) / 7 * 7)
                }
                if nthWeekdays != 0 {
                    for n in 0..<5 where nthWeekdays & (1 << UInt64(7 * n + weekday)) != 0 {
                        let day = first + 7 * n
                        if day <= length { dow |= 1 << UInt32(day) }
                    }
                }
            }
        }
        return dayOfMonthStar || dayOfWeekStar ? dom & dow : dom | dow
    }

    /// Whether some month of some year has a matching day: false for `0 0 30 2 *`.
    var canFire: Bool {
        for month in 1...12 where months & (1 << UInt16(month)) != 0 {
            let lengths = month == 2 ? [28, 29] : [CivilTime.monthLength(year: 2001, month: month)]
            for length in lengths {
                for firstWeekday in 0..<7 where days(length: length, firstWeekday: firstWeekday) != 0 {
                    return true
                }
            }
        }
        return false
    }
}
