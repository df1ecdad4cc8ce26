import DRMCore
import Foundation
import Testing

/// The evaluator against a brute-force model that walks local time minute by minute and applies the DST rules
/// literally, over 2025–2030, in seven zones, on a generated set of expressions covering every field form.
@Suite struct CronBruteForceTests {
    static let zones = [
        "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kolkata",
        "America/Sao_Paulo",
    ]

    /// Hand-picked expressions for the DST cases, then generated ones.
    static let expressions: [CronModel] = {
        let all = Set(0...59)
        let hours = Set(0...23)
        func fixed(_ text: String, _ minutes: Set<Int>, _ hourSet: Set<Int>, clock: Bool = false) -> CronModel {
            CronModel(
                text: text, minutes: minutes, hours: hourSet, days: Set(1...31), months: Set(1...12),
                weekdays: Set(0...6), dayStar: true, weekdayStar: true, followsClock: clock)
        }
        var models = [
            fixed("30 2 * * *", [30], [2]),
            fixed("0,15,30,45 2 * * *", [0, 15, 30, 45], [2]),
            fixed("15 1-3 * * *", [15], [1, 2, 3]),
            fixed("0 3 * * *", [0], [3]),
            fixed("45 2 * * *", [45], [2]),
            fixed("*/15 * * * *", [0, 15, 30, 45], hours, clock: true),
            fixed("* 2 * * *", all, [2], clock: true),
            fixed("*/20 1-3 * * *", [0, 20, 40], [1, 2, 3], clock: true),
            fixed("30 */1 * * *", [30], hours, clock: true),
            fixed("* * * * *", all, hours, clock: true),
            fixed("59 1 * * *", [59], [1]),
            fixed("0 0 * * *", [0], [0]),
        ]
        var generator = CronGenerator(seed: 0x5EED_2026)
        while models.count < 72 {
            let model = generator.expression()
            // Expressions the parser refuses as never firing are checked elsewhere.
            if (try? CronExpression(model.text)) != nil { models.append(model) }
        }
        return models
    }()

    @Test(arguments: zones)
    func agreesWithTheBruteForceModel(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let timeline = ZoneTimeline(zone: zone, seed: zoneName.utf8.reduce(UInt64(7)) { $0 &* 31 &+ UInt64($1) })
        var compared = 0
        for model in Self.expressions {
            let timing = ScheduleTiming(rule: .cron(try CronExpression(model.text)), zone: zone)
            for window in timeline.windows {
                let expected = ZoneTimeline.expected(model, in: window)
                var actual: [(Int, String)] = []
                var cursor = Date(timeIntervalSince1970: Double(window.start - 1))
                while let fire = timing.next(after: cursor), fire.instant.timeIntervalSince1970 < Double(window.end) {
                    #expect(fire.instant > cursor, "\(model) in \(zoneName): not strictly after")
                    actual.append((Int(fire.instant.timeIntervalSince1970), Self.mark(fire.adjustment)))
                    #expect(fire.utcOffsetSeconds == zone.secondsFromGMT(for: fire.instant))
                    cursor = fire.instant
                }
                let same = actual.count == expected.count && zip(actual, expected).allSatisfy { $0 == $1 }
                let windowStart = Date(timeIntervalSince1970: Double(window.start))
                #expect(
                    same,
                    "\(model) in \(zoneName), window from \(windowStart): evaluator \(Self.describe(actual, zone)) model \(Self.describe(expected, zone))"
                )
                compared += expected.count
                if !same { return }
            }
        }
        #expect(compared > 10_000)
    }

    @Test(arguments: zones)
    func fireTimesStrictlyIncreaseForSixYears(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        for model in Self.expressions.prefix(40) where !model.text.hasPrefix("*") {
            let timing = ScheduleTiming(rule: .cron(try CronExpression(model.text)), zone: zone)
            var cursor = Date(timeIntervalSince1970: 1_735_689_600)
            var seen = 0
            while let fire = timing.next(after: cursor), fire.instant.timeIntervalSince1970 < 1_924_992_000,
                seen < 3_000
            {
                #expect(fire.instant > cursor)
                // Strictly after: half a second earlier finds the same time again.
                if seen % 97 == 0 { #expect(timing.next(after: fire.instant.addingTimeInterval(-0.5)) == fire) }
                cursor = fire.instant
                seen += 1
            }
            #expect(seen > 0, "\(model) never fired in \(zoneName)")
        }
    }

    /// The refusal of a never-firing expression agrees with the model: no day of 28 years matches.
    @Test func neverFiringExpressionsMatchNoDayOfTheModel() {
        var generator = CronGenerator(seed: 42)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var refused = 0
        for _ in 0..<3_000 {
            var model = generator.expression()
            // Narrow months and days to make never-firing combinations common.
            let month = generator.int(1...12)
            let day = generator.int(28...31)
            model.months = [month]
            model.days = [day]
            model.lastDay = false
            model.lastWeekday = false
            model.dayStar = false
            let parts = model.text.split(separator: " ")
            model.text = "\(parts[0]) \(parts[1]) \(day) \(month) \(parts[4])"
            if model.weekdayStar { model.weekdays = Set(0...6) }
            do {
                _ = try CronExpression(model.text)
            } catch {
                #expect(error == .neverFires(expression: model.text), "\(model)")
                refused += 1
                var date = calendar.date(from: DateComponents(year: 2025, month: 1, day: 1))!
                for _ in 0..<(28 * 366) {
                    let parts = calendar.dateComponents([.day, .month, .weekday], from: date)
                    let described = CronModel.Day(
                        day: parts.day!, month: parts.month!, weekday: parts.weekday! - 1,
                        monthLength: calendar.range(of: .day, in: .month, for: date)!.count)
                    #expect(!(model.months.contains(described.month) && model.matchesDay(described)), "\(model)")
                    date = date.addingTimeInterval(86_400)
                }
                if refused > 4 { break }
            }
        }
        #expect(refused > 0)
    }

    private static func mark(_ adjustment: DSTAdjustment?) -> String {
        switch adjustment {
        case .none: "-"
        case .movedPastGap: "moved"
        case .firstOfRepeated: "first"
        case .secondOfRepeated: "second"
        }
    }

    private static func describe(_ fires: [(Int, String)], _ zone: TimeZone) -> String {
        let text = fires.prefix(12).map { instant, mark in
            FireTime(
                instant: Date(timeIntervalSince1970: Double(instant)),
                utcOffsetSeconds: zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))),
                adjustment: nil
            ).localISO8601 + (mark == "-" ? "" : " \(mark)")
        }
        return "\(fires.count): \(text)"
    }
}
