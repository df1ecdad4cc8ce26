public import Foundation

/// When a schedule fires, before its zone, start, end and run limits apply.
public enum ScheduleRule: Sendable, Hashable {
    /// Once, at an instant.
    case once(Date)
    /// Every `seconds`, at `anchor + k·seconds` (k ≥ 0): elapsed time, so it never drifts with run time, and
    /// across a DST change it keeps its spacing rather than its wall time.
    case interval(seconds: Int, anchor: Date)
    /// A five-field cron expression in the schedule's zone.
    case cron(CronExpression)
    /// The original's recurring kinds.
    case calendar(CalendarRule)
}

/// The evaluator: a rule in a zone, with an optional start and end, answering "when next, strictly after this
/// instant?". Fire times are whole seconds; cron and calendar times are whole minutes.
public struct ScheduleTiming: Sendable {
    /// The rule.
    public let rule: ScheduleRule
    /// The zone its wall times are in.
    public let zone: TimeZone
    /// No fire time before this.
    public let start: Date?
    /// No fire time after this.
    public let end: Date?
    private let offsets: ZoneOffsets

    /// A rule in a zone, between optional bounds.
    public init(rule: ScheduleRule, zone: TimeZone, start: Date? = nil, end: Date? = nil) {
        self.rule = rule
        self.zone = zone
        self.start = start
        self.end = end
        offsets = ZoneOffsetsCache.shared.offsets(for: zone)
    }

    /// The zone of an IANA name (`Europe/Berlin`, `UTC`), or an error naming the `timezone` field.
    public static func zone(named name: String) throws(ScheduleRuleError) -> TimeZone {
        // Foundation also accepts abbreviations and "GMT+5"; only tz database names (and UTC) are taken.
        guard name == "UTC" || name.contains("/") || TimeZone.knownTimeZoneIdentifiers.contains(name),
            let zone = TimeZone(identifier: name)
        else { throw .unknownZone(name) }
        return zone
    }

    /// The first fire time strictly after `instant`, or `nil` when the schedule has no more.
    public func next(after instant: Date) -> FireTime? {
        // Fire times are whole seconds, so strictly after 10.5 is strictly after 10.
        var after = Int(instant.timeIntervalSince1970.rounded(.down))
        if let start {
            let firstAllowed = Int(start.timeIntervalSince1970.rounded(.up))
            after = max(after, firstAllowed - 1)
        }
        guard let found = nextUnbounded(after: after) else { return nil }
        if let end, Double(found.instant) > end.timeIntervalSince1970 { return nil }
        return FireTime(
            instant: Date(timeIntervalSince1970: Double(found.instant)), utcOffsetSeconds: found.offset,
            adjustment: found.adjustment)
    }

    /// The next `count` fire times strictly after `instant`, ascending.
    public func next(after instant: Date, count: Int) -> [FireTime] {
        var result: [FireTime] = []
        var cursor = instant
        while result.count < count, let fire = next(after: cursor) {
            result.append(fire)
            cursor = fire.instant
        }
        return result
    }

    private func nextUnbounded(after: Int) -> (instant: Int, offset: Int, adjustment: DSTAdjustment?)? {
        switch rule {
        case .once(let date):
            let at = Int(date.timeIntervalSince1970.rounded(.down))
            return at > after ? (at, offsets.offset(at: at), nil) : nil
        case .interval(let seconds, let anchor):
            return elapsed(every: seconds, anchor: Int(anchor.timeIntervalSince1970.rounded(.down)), after: after)
        case .cron(let expression):
            return ZonedFireTimes(pattern: expression, offsets: offsets).next(after: after)
        case .calendar(let calendar):
            let anchor = Int(calendar.anchor.timeIntervalSince1970.rounded(.down))
            switch calendar.recurrence {
            case .minutes:
                return elapsed(every: calendar.every * 60, anchor: CivilTime.floorDiv(anchor, 60) * 60, after: after)
            case .hours:
                return elapsed(every: calendar.every * 3600, anchor: CivilTime.floorDiv(anchor, 60) * 60, after: after)
            case .daily, .weekly, .monthly:
                let anchorDay = CivilTime.floorDiv(anchor + offsets.offset(at: anchor), 86_400)
                let pattern = CalendarPattern(rule: calendar, anchorDay: anchorDay)
                return ZonedFireTimes(pattern: pattern, offsets: offsets).next(after: after)
            }
        }
    }

    private func elapsed(every seconds: Int, anchor: Int, after: Int) -> (Int, Int, DSTAdjustment?) {
        let at = after < anchor ? anchor : anchor + (CivilTime.floorDiv(after - anchor, seconds) + 1) * seconds
        return (at, offsets.offset(at: at), nil)
    }
}
