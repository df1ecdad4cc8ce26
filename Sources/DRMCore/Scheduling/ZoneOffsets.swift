import Foundation

/// The UTC offsets of one IANA zone as a sorted table of the instants where the offset changes, read once from
/// Foundation's `TimeZone` (which carries the tz database) for 1900–2200, so that finding the offset in force and
/// the next change is a binary search. Outside that range the offset at its nearest end holds.
struct ZoneOffsets: Sendable {
    /// One stretch of time with a constant offset: `[start, end)`, `nil` meaning unbounded.
    struct Segment {
        let start: Int?
        let end: Int?
        let offset: Int
        let previousOffset: Int?
        let nextOffset: Int?
    }

    let identifier: String
    /// Instants (seconds since 1970, UTC) at which a new offset takes effect, ascending.
    private let transitions: [Int]
    /// `offsets[i]` holds before `transitions[i]` and from `transitions[i - 1]`; one more than the transitions.
    private let offsets: [Int]

    init(zone: TimeZone) {
        identifier = zone.identifier
        let lower = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        let upper = 7_258_118_400.0  // 2200-01-01
        var changes: [Int] = []
        var values: [Int] = [zone.secondsFromGMT(for: lower)]
        var cursor = lower
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < upper {
            let offset = zone.secondsFromGMT(for: next)
            if offset != values[values.count - 1] {
                changes.append(Int(next.timeIntervalSince1970.rounded(.down)))
                values.append(offset)
            }
            cursor = next
        }
        transitions = changes
        offsets = values
    }

    /// The index of the segment holding `instant`: the number of transitions at or before it.
    @inline(__always)
    private func index(of instant: Int) -> Int {
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) >> 1
            if transitions[mid] <= instant { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The offset from UTC, in seconds, in force at `instant`.
    func offset(at instant: Int) -> Int {
        offsets[index(of: instant)]
    }

    /// The stretch of constant offset that holds `instant`.
    func segment(containing instant: Int) -> Segment {
        let i = index(of: instant)
        return Segment(
            start: i > 0 ? transitions[i - 1] : nil,
            end: i < transitions.count ? transitions[i] : nil,
            offset: offsets[i],
            previousOffset: i > 0 ? offsets[i - 1] : nil,
            nextOffset: i < transitions.count ? offsets[i + 1] : nil)
    }
}

/// The offset tables already read, one per zone identifier: reading a zone's transitions costs about a
/// millisecond, so each process does it once per zone.
final class ZoneOffsetsCache: @unchecked Sendable {
    static let shared = ZoneOffsetsCache()
    private let lock = NSLock()
    private var tables: [String: ZoneOffsets] = [:]

    func offsets(for zone: TimeZone) -> ZoneOffsets {
        lock.lock()
        defer { lock.unlock() }
        if let table = tables[zone.identifier] { return table }
        let table = ZoneOffsets(zone: zone)
        tables[zone.identifier] = table
        return table
    }
}
