public import Foundation

/// What a schedule does with times that passed while the scheduler was down or the schedule paused. Times older
/// than the catch-up window are always recorded as `missed` and never run; within the window the policy decides.
/// The default is `run_once`, with a one-hour window.
public enum MissedRunPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Run none of the late times; only times that are due now (within `MissedRunPolicy.onTimeGrace`) run.
    case skip
    /// Run the latest due time once; the earlier late ones are recorded as missed.
    case runOnce = "run_once"
    /// Run every due time within the window, the most recent `cap` of them; the rest are missed.
    case runAll = "run_all"

    /// How late a time may be and still count as on time rather than missed: a busy scheduler is a little late.
    public static let onTimeGrace: TimeInterval = 60

    /// What happens to each due time (ascending, all at or before `now`): `true` runs it, `false` records it as
    /// missed.
    public func plan(_ due: [Date], now: Date, window: TimeInterval, cap: Int) -> [(Date, Bool)] {
        let inWindow = due.filter { now.timeIntervalSince($0) <= max(window, Self.onTimeGrace) }
        var running: Set<Date>
        switch self {
        case .skip:
            running = Set(inWindow.filter { now.timeIntervalSince($0) <= Self.onTimeGrace })
        case .runOnce:
            running = inWindow.last.map { [$0] } ?? []
        case .runAll:
            running = Set(inWindow.suffix(max(1, cap)))
        }
        return due.map { ($0, running.contains($0)) }
    }
}
