import Foundation

/// The figures of one rollup row (`performance_metrics`): runs by outcome and their durations. Tallies add, so a
/// row is kept up to date by adding each finished execution's tally, and a report over many rows adds theirs.
public struct RollupTally: Sendable, Hashable {
    public var runs = 0
    public var successes = 0
    /// Failed or partially failed.
    public var failures = 0
    public var timedOut = 0
    public var cancelled = 0
    /// Runs that had a start and an end.
    public var timedRuns = 0
    public var durationSum = 0.0
    public var maxDuration: Double?
    public var minDuration: Double?
    public var histogram = DurationHistogram()

    public init() {}

    /// The tally of one finished run: its status, and its duration when it started.
    public init(status: ExecutionStatus, duration: Double?) {
        runs = 1
        switch status {
        case .completed: successes = 1
        case .failed, .partiallyFailed: failures = 1
        case .timedOut: timedOut = 1
        case .cancelled: cancelled = 1
        case .skipped, .scheduled, .queued, .running: break
        }
        if let duration {
            let seconds = max(0, duration)
            timedRuns = 1
            durationSum = seconds
            maxDuration = seconds
            minDuration = seconds
            histogram.add(seconds: seconds)
        }
    }

    /// Adds `other`'s runs and durations.
    public mutating func add(_ other: RollupTally) {
        runs += other.runs
        successes += other.successes
        failures += other.failures
        timedOut += other.timedOut
        cancelled += other.cancelled
        timedRuns += other.timedRuns
        durationSum += other.durationSum
        maxDuration = [maxDuration, other.maxDuration].compactMap { $0 }.max()
        minDuration = [minDuration, other.minDuration].compactMap { $0 }.min()
        histogram.merge(other.histogram)
    }

    /// Successes over runs, as a percentage; `nil` without runs.
    public var successRate: Double? { runs == 0 ? nil : Double(successes) * 100 / Double(runs) }
    /// Runs that didn't succeed: failed, partially failed, timed out.
    public var unsuccessful: Int { failures + timedOut }
    public var averageDuration: Double? { timedRuns == 0 ? nil : durationSum / Double(timedRuns) }
    public var p50: Double? { histogram.percentile(0.5).map { clamp($0) } }
    public var p95: Double? { histogram.percentile(0.95).map { clamp($0) } }

    /// A bucket's lower bound never goes below the smallest duration counted.
    private func clamp(_ value: Double) -> Double {
        min(max(value, minDuration ?? value), maxDuration ?? value)
    }
}
