import Foundation

/// The brute-force side: one zone's instants walked minute by minute through windows of time, each with the local
/// wall time Foundation gives it, whether that wall time was already seen (second pass of a repeated hour) or will
/// be seen again (first pass), and the wall minutes a spring-forward gap skipped just before it.
struct ZoneTimeline: Sendable {
    struct Minute: Sendable {
        var instant: Int
        var day: CronModel.Day
        var minuteOfDay: Int
        var seenBefore: Bool
        var seenAgain: Bool
        /// Wall minutes skipped right before this instant, as (day, minute of day).
        var skipped: [(CronModel.Day, Int)]
    }

    struct Window: Sendable {
        var start: Int
        var end: Int
        var minutes: [Minute]
    }

    let zone: TimeZone
    var windows: [Window] = []

    /// Windows around every offset change in 2025–2030, at month ends, and at random days, all seeded.
    init(zone: TimeZone, seed: UInt64) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var starts: [Int] = []
        var cursor = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01
        let end = 1_924_992_000.0  // 2031-01-01
        while let change = zone.nextDaylightSavingTimeTransition(after: cursor), change.timeIntervalSince1970 < end {
            starts.append(Int(change.timeIntervalSince1970) - 26 * 3600)
            cursor = change
        }
        var random = CronGenerator(seed: seed)
        for _ in 0..<8 {
            starts.append(1_735_689_600 + random.int(0...(6 * 365)) * 86_400 + random.int(0...23) * 3600)
        }
        var days: [Int: CronModel.Day] = [:]
        for index in 0..<starts.count {
            var length = 52 * 3600
            if index >= starts.count - 8 { length = 24 * 3600 }
            windows.append(Self.walk(zone: zone, from: starts[index], length: length, calendar: calendar, days: &days))
        }
        for _ in 0..<3 {
            // From the 24th of a month to the 3rd of the next: L, LW, 5L and #5.
            let year = random.int(2025...2030)
            let month = random.int(1...12)
            let start = Int(
                calendar.date(from: DateComponents(year: year, month: month, day: 24))!.timeIntervalSince1970)
            windows.append(Self.walk(zone: zone, from: start, length: 10 * 86_400, calendar: calendar, days: &days))
        }
    }

    private static func walk(
        zone: TimeZone, from start: Int, length: Int, calendar: Calendar, days: inout [Int: CronModel.Day]
    ) -> Window {
        func wall(_ instant: Int) -> Int {
            instant + zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
        }
        func describe(_ wall: Int) -> (CronModel.Day, Int) {
            let dayNumber = Int((Double(wall) / 86_400).rounded(.down))
            let minuteOfDay = (wall - dayNumber * 86_400) / 60
            if let day = days[dayNumber] { return (day, minuteOfDay) }
            let date = Date(timeIntervalSince1970: Double(dayNumber * 86_400))
            let parts = calendar.dateComponents([.day, .month, .weekday], from: date)
            let day = CronModel.Day(
                day: parts.day!, month: parts.month!, weekday: parts.weekday! - 1,
                monthLength: calendar.range(of: .day, in: .month, for: date)!.count)
            days[dayNumber] = day
            return (day, minuteOfDay)
        }
        // Six hours of history before the window tell a second pass from a first one.
        var highest = stride(from: start - 6 * 3600, to: start, by: 60).map(wall).max()!
        var previous = wall(start - 60)
        var minutes: [Minute] = []
        let walls = stride(from: start, to: start + length + 6 * 3600, by: 60).map(wall)
        var lowestAfter = Array(repeating: Int.max, count: walls.count + 1)
        for index in stride(from: walls.count - 1, through: 0, by: -1) {
            lowestAfter[index] = min(walls[index], lowestAfter[index + 1])
        }
        for index in 0..<(length / 60) {
            let instant = start + index * 60
            let current = walls[index]
            let (day, minuteOfDay) = describe(current)
            var skipped: [(CronModel.Day, Int)] = []
            for gapWall in stride(from: previous + 60, to: current, by: 60) {
                skipped.append(describe(gapWall))
            }
            minutes.append(
                Minute(
                    instant: instant, day: day, minuteOfDay: minuteOfDay, seenBefore: current <= highest,
                    seenAgain: lowestAfter[index + 1] <= current, skipped: skipped))
            highest = max(highest, current)
            previous = current
        }
        return Window(start: start, end: start + length, minutes: minutes)
    }

    /// What the rules say fires in a window, with the DST mark each time should carry.
    static func expected(_ model: CronModel, in window: Window) -> [(Int, String)] {
        var fires: [(Int, String)] = []
        for minute in window.minutes {
            let matches = model.matches(minute.day, minuteOfDay: minute.minuteOfDay)
            if model.followsClock {
                guard matches else { continue }
                fires.append((minute.instant, minute.seenBefore ? "second" : minute.seenAgain ? "first" : "-"))
            } else if minute.skipped.contains(where: { model.matches($0.0, minuteOfDay: $0.1) }) {
                fires.append((minute.instant, "moved"))
            } else if matches, !minute.seenBefore {
                fires.append((minute.instant, minute.seenAgain ? "first" : "-"))
            }
        }
        return fires
    }
}
