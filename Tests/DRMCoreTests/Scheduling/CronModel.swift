/// The brute-force model's idea of a cron expression: the sets the generator meant when it wrote the text, kept
/// apart from the parser so that the tests check parsing and evaluation together.
struct CronModel: Sendable, CustomStringConvertible {
    var text: String
    var minutes: Set<Int>
    var hours: Set<Int>
    var days: Set<Int>
    var lastDay = false
    var lastWeekday = false
    var months: Set<Int>
    /// 0 Sunday … 6 Saturday.
    var weekdays: Set<Int>
    var lastWeekdays: Set<Int> = []
    /// (weekday, n): the n-th such weekday.
    var nthWeekdays: Set<[Int]> = []
    var dayStar: Bool
    var weekdayStar: Bool
    var followsClock: Bool

    var description: String { text }

    /// One local day, described by Foundation's calendar.
    struct Day: Sendable {
        var day: Int
        var month: Int
        /// 0 Sunday … 6 Saturday.
        var weekday: Int
        var monthLength: Int
    }

    /// The rule, read literally: does the wall minute `minuteOfDay` of `day` match?
    func matches(_ day: Day, minuteOfDay: Int) -> Bool {
        guard minutes.contains(minuteOfDay % 60), hours.contains(minuteOfDay / 60), months.contains(day.month) else {
            return false
        }
        return matchesDay(day)
    }

    func matchesDay(_ day: Day) -> Bool {
        let lastDayWeekday = (day.weekday + day.monthLength - day.day) % 7
        let lastWorkday = day.monthLength - (lastDayWeekday == 6 ? 1 : lastDayWeekday == 0 ? 2 : 0)
        let domMatch =
            days.contains(day.day) || (lastDay && day.day == day.monthLength)
            || (lastWeekday && day.day == lastWorkday)
        let dowMatch =
            weekdays.contains(day.weekday) || (lastWeekdays.contains(day.weekday) && day.day + 7 > day.monthLength)
            || nthWeekdays.contains([day.weekday, (day.day - 1) / 7 + 1])
        return dayStar || weekdayStar ? domMatch && dowMatch : domMatch || dowMatch
    }
}
