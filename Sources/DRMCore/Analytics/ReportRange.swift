public import Foundation

/// The time range of a report: the last day, 7 days or 30 days up to the end of the current hour, or a custom
/// range of whole hours. Rollups are kept per hour, so a range's ends are hour boundaries.
public struct ReportRange: Sendable, Hashable, Codable {
    public var start: Date
    public var end: Date
    /// `1d`, `7d`, `30d` or `custom`.
    public var name: String

    public init(start: Date, end: Date, name: String = "custom") {
        self.start = RollupPeriod.hour.start(of: start)
        let endHour = RollupPeriod.hour.start(of: end)
        self.end = endHour < end ? endHour.addingTimeInterval(3600) : endHour
        self.name = name
    }

    /// The named ranges and their days.
    public static let named: [String: Int] = ["1d": 1, "7d": 7, "30d": 30]

    /// `1d`, `7d` or `30d` ending at the end of the hour of `now`; `Nd` for other day counts up to 366.
    public static func last(_ name: String, now: Date) throws(ReportInputError) -> ReportRange {
        let days: Int
        if let known = named[name] {
            days = known
        } else if name.hasSuffix("d"), let count = Int(name.dropLast()), (1...366).contains(count) {
            days = count
        } else {
            throw ReportInputError(field: "range", message: "range must be 1d, 7d, 30d, Nd (up to 366d) or custom")
        }
        let end = RollupPeriod.hour.start(of: now).addingTimeInterval(3600)
        return ReportRange(start: end.addingTimeInterval(-Double(days) * 86400), end: end, name: name)
    }

    /// A custom range; `from` must be before `to`, and it may span at most 366 days.
    public static func custom(from: Date, to: Date) throws(ReportInputError) -> ReportRange {
        guard from < to else { throw ReportInputError(field: "from", message: "from must be before to") }
        guard to.timeIntervalSince(from) <= 366 * 86400 else {
            throw ReportInputError(field: "to", message: "a report covers at most 366 days")
        }
        return ReportRange(start: from, end: to)
    }

    /// The period of a chart's points: hours for a range of two days or less, days beyond.
    public var chartPeriod: RollupPeriod { end.timeIntervalSince(start) <= 2 * 86400 ? .hour : .day }

    /// The whole days inside the range (UTC), read from day rows; the hours outside them come from hour rows.
    public var wholeDays: (start: Date, end: Date) {
        let first = RollupPeriod.day.start(of: start)
        let dayStart = first < start ? first.addingTimeInterval(86400) : first
        let dayEnd = RollupPeriod.day.start(of: end)
        return dayStart <= dayEnd ? (dayStart, dayEnd) : (end, end)
    }

    /// The same length of time just before this range (for trends).
    public var previous: ReportRange {
        ReportRange(start: start.addingTimeInterval(-end.timeIntervalSince(start)), end: start, name: name)
    }
}

/// A report's input that can't be used, naming the field at fault.
public struct ReportInputError: Error, Sendable, Hashable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
