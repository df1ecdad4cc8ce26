/// Turns a wall-clock pattern into instants in one zone, by Debian cron's DST rules:
/// - a fixed-time pattern runs by wall clock; a wall time in a skipped interval runs once at the first instant
///   after the gap (several in one gap collapse into that one run), and a repeated wall time runs on its first
///   pass only;
/// - a pattern that follows the clock runs at every instant whose wall time matches: never in a skipped interval,
///   on both passes of a repeated one.
/// The zone is walked one stretch of constant offset at a time, so a search is a handful of binary searches and
/// bit operations.
struct ZonedFireTimes<Pattern: WallClockPattern> {
    let pattern: Pattern
    let offsets: ZoneOffsets

    /// The first fire instant strictly after `instant` (seconds since 1970, UTC).
    func next(after instant: Int) -> (instant: Int, offset: Int, adjustment: DSTAdjustment?)? {
        var from = CivilTime.floorDiv(instant, 60) * 60 + 60
        var segment = offsets.segment(containing: from)
        let fixed = !pattern.followsClock
        // Each pass moves to the next stretch; 400 years hold fewer than 2,000 of them in any zone.
        for _ in 0..<2_000 {
            let offset = segment.offset
            if fixed, let start = segment.start, start == from, let previous = segment.previousOffset,
                previous < offset,
                pattern.firstMatch(atOrAfter: start + previous, before: start + offset) != nil
            {
                return (start, offset, .movedPastGap)
            }
            var lower = from + offset
            var repeatedUntil = Int.min
            if let start = segment.start, let previous = segment.previousOffset, previous > offset {
                repeatedUntil = start + previous
                if fixed { lower = max(lower, repeatedUntil) }
            }
            let limit = segment.end.map { $0 + offset } ?? Int.max
            if lower < limit, let wall = pattern.firstMatch(atOrAfter: lower, before: limit) {
                var adjustment: DSTAdjustment?
                if wall < repeatedUntil {
                    adjustment = .secondOfRepeated
                } else if let end = segment.end, let next = segment.nextOffset, next < offset, wall >= end + next {
                    adjustment = .firstOfRepeated
                }
                return (wall - offset, offset, adjustment)
            }
            guard let end = segment.end else { return nil }
            from = end
            segment = offsets.segment(containing: end)
        }
        return nil
    }
}
