public import Foundation

/// One time a schedule fires: the instant, the zone's offset from UTC then, and whether a DST change moved it.
public struct FireTime: Sendable, Hashable {
    /// When it fires.
    public let instant: Date
    /// The zone's offset from UTC at that instant, in seconds.
    public let utcOffsetSeconds: Int
    /// How a DST change touched this time, or `nil` when it didn't.
    public let adjustment: DSTAdjustment?

    /// Creates a fire time.
    public init(instant: Date, utcOffsetSeconds: Int, adjustment: DSTAdjustment?) {
        self.instant = instant
        self.utcOffsetSeconds = utcOffsetSeconds
        self.adjustment = adjustment
    }

    /// The instant as ISO 8601 with the zone's offset, e.g. `2026-03-29T03:00:00+02:00`.
    public var localISO8601: String {
        let wall = Int(instant.timeIntervalSince1970.rounded(.down)) + utcOffsetSeconds
        let days = CivilTime.floorDiv(wall, 86_400)
        let second = wall - days * 86_400
        let (year, month, day) = CivilTime.date(days: days)
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let offset = abs(utcOffsetSeconds)
        return "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(second / 3600)):\(pad(second % 3600 / 60)):"
            + "\(pad(second % 60))\(sign)\(pad(offset / 3600)):\(pad(offset % 3600 / 60))"
    }

    /// The instant as ISO 8601 in UTC, e.g. `2026-03-29T01:00:00Z`.
    public var utcISO8601: String {
        FireTime(instant: instant, utcOffsetSeconds: 0, adjustment: nil).localISO8601.dropLast(6) + "Z"
    }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// How a DST change touched a fire time (the rules are in docs/SCHEDULES.md).
public enum DSTAdjustment: String, Sendable, Hashable, Codable, CaseIterable {
    /// A fixed-time job whose wall time fell in a skipped interval runs at the first wall time after the gap.
    case movedPastGap = "moved_past_gap"
    /// The wall time occurs twice; this is the first pass (a fixed-time job runs only on this one).
    case firstOfRepeated = "first_of_repeated"
    /// The wall time occurs twice; this is the second pass (only a job that follows the clock runs on it).
    case secondOfRepeated = "second_of_repeated"

    /// A short phrase for people.
    public var phrase: String {
        switch self {
        case .movedPastGap: "moved: its wall time was skipped by a DST change"
        case .firstOfRepeated: "DST: first of two passes of this wall time"
        case .secondOfRepeated: "DST: second pass of this wall time"
        }
    }
}
