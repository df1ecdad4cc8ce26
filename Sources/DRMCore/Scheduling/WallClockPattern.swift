/// A set of local wall-clock minutes (seconds counted from 1970-01-01 00:00 local time, ignoring zones), which
/// `ZonedFireTimes` turns into instants by the DST rules.
protocol WallClockPattern: Sendable {
    /// The first matching wall minute at or after `wall` (minute-aligned) and before `limit`, or `nil`.
    func firstMatch(atOrAfter wall: Int, before limit: Int) -> Int?
    /// Whether the pattern follows the clock across a DST change (a cron job with `*` leading its minute or hour
    /// field) rather than naming a fixed wall time.
    var followsClock: Bool { get }
}

extension CronExpression: WallClockPattern {
    /// How far ahead a search goes before it gives up: 400 years, one full turn of the Gregorian calendar.
    private static let searchMonths = 4800

    func firstMatch(atOrAfter wall: Int, before limit: Int) -> Int? {
        var days = CivilTime.floorDiv(wall, 86_400)
        let secondOfDay = wall - days * 86_400
        var (year, month, day) = CivilTime.date(days: days)
        var fromHour = secondOfDay / 3600
        var fromMinute = secondOfDay % 3600 / 60
        for _ in 0..<Self.searchMonths {
            if months & (1 << UInt16(month)) != 0 {
                let length = CivilTime.monthLength(year: year, month: month)
                let firstDay = days - (day - 1)
                var candidates = self.days(length: length, firstWeekday: CivilTime.weekday(days: firstDay))
                candidates &= ~((UInt32(1) << UInt32(day)) &- 1)
                while candidates != 0 {
                    let matchDay = candidates.trailingZeroBitCount
                    candidates &= candidates &- 1
                    let time =
                        matchDay == day
                        ? firstTime(fromHour: fromHour, fromMinute: fromMinute) : firstTime(fromHour: 0, fromMinute: 0)
                    if let time {
                        let result = (firstDay + matchDay - 1) * 86_400 + time
                        return result < limit ? result : nil
                    }
                }
            }
            // Next month, from its first minute.
            let length = CivilTime.monthLength(year: year, month: month)
            days += length - day + 1
            if month == 12 {
                month = 1
                year += 1
            } else {
                month += 1
            }
            day = 1
            fromHour = 0
            fromMinute = 0
            if days * 86_400 >= limit { return nil }
        }
        return nil
    }

    /// The first matching time of day at or after the given hour and minute, in seconds from midnight.
    @inline(__always)
    private func firstTime(fromHour: Int, fromMinute: Int) -> Int? {
        if hours & (1 << UInt32(fromHour)) != 0 {
            let later = minutes & ~((UInt64(1) << UInt64(fromMinute)) &- 1)
            if later != 0 { return fromHour * 3600 + later.trailingZeroBitCount * 60 }
        }
        guard fromHour < 23 else { return nil }
        let laterHours = hours & ~((UInt32(1) << UInt32(fromHour + 1)) &- 1)
        guard laterHours != 0 else { return nil }
        return laterHours.trailingZeroBitCount * 3600 + minutes.trailingZeroBitCount * 60
    }
}
