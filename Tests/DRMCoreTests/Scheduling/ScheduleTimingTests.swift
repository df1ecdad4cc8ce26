import DRMCore
import Foundation
import Testing

@Suite struct ScheduleTimingTests {
    let utc = TimeZone(identifier: "UTC")!
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    private func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    private func local(_ fires: [FireTime]) -> [String] {
        fires.map(\.localISO8601)
    }

    @Test func intervalIsAnchoredOnItsStartAndNeverDrifts() {
        let anchor = date("2026-03-28T23:10:07Z")
        let timing = ScheduleTiming(rule: .interval(seconds: 3600, anchor: anchor), zone: berlin)
        #expect(timing.next(after: date("2026-01-01T00:00:00Z"))?.instant == anchor)
        // Strictly after: exactly on a fire time gives the next one.
        #expect(timing.next(after: anchor)?.instant == anchor.addingTimeInterval(3600))
        let late = date("2026-03-29T05:59:59Z")
        #expect(timing.next(after: late)?.instant == date("2026-03-29T06:10:07Z"))
        // Across the spring-forward gap the spacing stays one hour.
        let fires = timing.next(after: date("2026-03-29T00:00:00Z"), count: 3)
        #expect(
            local(fires) == ["2026-03-29T01:10:07+01:00", "2026-03-29T03:10:07+02:00", "2026-03-29T04:10:07+02:00"])
    }

    @Test func onceFiresOnlyOnce() {
        let at = date("2026-05-01T12:00:00Z")
        let timing = ScheduleTiming(rule: .once(at), zone: utc)
        #expect(timing.next(after: date("2026-05-01T11:59:59Z"))?.instant == at)
        #expect(timing.next(after: at) == nil)
    }

    @Test func startAndEndBoundFireTimes() throws {
        let cron = try CronExpression("0 * * * *")
        let timing = ScheduleTiming(
            rule: .cron(cron), zone: utc, start: date("2026-05-01T10:00:00Z"), end: date("2026-05-01T12:00:00Z"))
        let fires = timing.next(after: date("2026-01-01T00:00:00Z"), count: 10)
        #expect(fires.map(\.utcISO8601) == ["2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", "2026-05-01T12:00:00Z"])
    }

    @Test func monthlyOnADayPastTheMonthsEndRunsOnItsLastDay() throws {
        let rule = try CalendarRule(
            recurrence: .monthly(day: 31), every: 1, hour: 9, minute: 30, anchor: date("2026-01-05T00:00:00Z"))
        let fires = ScheduleTiming(rule: .calendar(rule), zone: berlin).next(
            after: date("2026-01-01T00:00:00Z"), count: 5)
        #expect(
            local(fires) == [
                "2026-01-31T09:30:00+01:00", "2026-02-28T09:30:00+01:00", "2026-03-31T09:30:00+02:00",
                "2026-04-30T09:30:00+02:00", "2026-05-31T09:30:00+02:00",
            ])
        // Every 5 months from November: no overflow past December (the original's bug).
        let everyFive = try CalendarRule(
            recurrence: .monthly(day: 15), every: 5, hour: 0, minute: 0, anchor: date("2026-11-02T00:00:00Z"))
        let later = ScheduleTiming(rule: .calendar(everyFive), zone: utc).next(
            after: date("2026-11-01T00:00:00Z"), count: 3)
        #expect(
            local(later) == ["2026-11-15T00:00:00+00:00", "2027-04-15T00:00:00+00:00", "2027-09-15T00:00:00+00:00"])
    }

    @Test func dailyAndWeeklyKeepTheirWallTimeAcrossDST() throws {
        let daily = try CalendarRule(
            recurrence: .daily, every: 2, hour: 2, minute: 30, anchor: date("2026-03-27T12:00:00Z"))
        let fires = ScheduleTiming(rule: .calendar(daily), zone: berlin).next(
            after: date("2026-03-26T00:00:00Z"), count: 3)
        // 2026-03-29 02:30 doesn't exist in Berlin: it runs at 03:00, the first wall time after the gap.
        #expect(
            local(fires) == ["2026-03-27T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-31T02:30:00+02:00"])
        #expect(fires[1].adjustment == .movedPastGap)
        let weekly = try CalendarRule(
            recurrence: .weekly(weekdays: [1, 5]), every: 2, hour: 8, minute: 0, anchor: date("2026-01-07T00:00:00Z"))
        // Weeks count from the anchor's week (Monday 2026-01-05); the start bound, not the rule, keeps earlier days out.
        let weeks = ScheduleTiming(rule: .calendar(weekly), zone: utc).next(
            after: date("2026-01-07T00:00:00Z"), count: 4)
        #expect(
            local(weeks) == [
                "2026-01-09T08:00:00+00:00", "2026-01-19T08:00:00+00:00", "2026-01-23T08:00:00+00:00",
                "2026-02-02T08:00:00+00:00",
            ])
    }

    @Test func minutesAndHoursAreElapsedTimeFromTheAnchor() throws {
        let rule = try CalendarRule(recurrence: .minutes, every: 45, anchor: date("2026-03-29T00:20:31Z"))
        let fires = ScheduleTiming(rule: .calendar(rule), zone: berlin).next(
            after: date("2026-03-29T00:00:00Z"), count: 3)
        #expect(fires.map(\.utcISO8601) == ["2026-03-29T00:20:00Z", "2026-03-29T01:05:00Z", "2026-03-29T01:50:00Z"])
    }

    @Test func refusesBadCalendarValuesAndZonesNamingTheField() {
        #expect(throws: ScheduleRuleError.self) { try CalendarRule(recurrence: .monthly(day: 32), anchor: Date()) }
        do {
            _ = try CalendarRule(recurrence: .weekly(weekdays: []), anchor: Date())
        } catch { #expect(error.field == "schedule_config.days_of_week") }
        #expect(throws: ScheduleRuleError.unknownZone("Mars/Base")) { try ScheduleTiming.zone(named: "Mars/Base") }
        #expect(throws: ScheduleRuleError.unknownZone("utc")) { try ScheduleTiming.zone(named: "utc") }
        #expect((try? ScheduleTiming.zone(named: "Asia/Kolkata")) != nil)
    }

    @Test func fixedAndClockFollowingJobsAcrossBerlinsChanges() throws {
        func fires(_ text: String, _ from: String, _ count: Int) throws -> [String] {
            ScheduleTiming(rule: .cron(try CronExpression(text)), zone: berlin).next(after: date(from), count: count)
                .map {
                    $0.localISO8601 + ($0.adjustment.map { " " + $0.rawValue } ?? "")
                }
        }
        // Spring forward: 02:00–02:59 doesn't exist on 2026-03-29.
        #expect(
            try fires("0,30 2 * * *", "2026-03-28T12:00:00Z", 2) == [
                "2026-03-29T03:00:00+02:00 moved_past_gap", "2026-03-30T02:00:00+02:00",
            ])
        #expect(try fires("*/30 2 * * *", "2026-03-28T12:00:00Z", 1) == ["2026-03-30T02:00:00+02:00"])
        // Fall back: 02:00–02:59 happens twice on 2026-10-25.
        #expect(
            try fires("30 2 * * *", "2026-10-24T12:00:00Z", 2) == [
                "2026-10-25T02:30:00+02:00 first_of_repeated", "2026-10-26T02:30:00+01:00",
            ])
        #expect(
            try fires("30 * * * *", "2026-10-25T00:00:00Z", 2) == [
                "2026-10-25T02:30:00+02:00 first_of_repeated", "2026-10-25T02:30:00+01:00 second_of_repeated",
            ])
    }
}
