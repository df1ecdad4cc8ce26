/// A host's round-trip estimate and the time-out it implies, after RFC 6298 and nmap's timing model: a smoothed
/// RTT and its variance from every answer (an accepted or a refused connection), a time-out of
/// `srtt + 4 × rttvar` kept between a floor and the configured ceiling. Before any answer the ceiling applies.
public struct RTTEstimate: Sendable, Hashable {
    /// The configured time-out, in seconds: the start and the ceiling.
    public var ceiling: Double
    /// The lowest time-out, in seconds.
    public var floor: Double
    /// The smoothed RTT (nil before the first answer).
    public private(set) var smoothed: Double?
    /// The RTT variation.
    public private(set) var variation: Double = 0

    /// An estimate that starts at `ceiling` seconds and never goes below `floor`.
    public init(ceiling: Double, floor: Double = 0.1) {
        self.ceiling = ceiling
        self.floor = min(floor, ceiling)
    }

    /// Records one measured round trip, in seconds.
    public mutating func record(_ rtt: Double) {
        guard let smoothed else {
            smoothed = rtt
            variation = rtt / 2
            return
        }
        variation = 0.75 * variation + 0.25 * abs(smoothed - rtt)
        self.smoothed = 0.875 * smoothed + 0.125 * rtt
    }

    /// The time-out for the next attempt, in seconds.
    public var timeout: Double {
        guard let smoothed else { return ceiling }
        return Swift.min(ceiling, Swift.max(floor, smoothed + 4 * variation))
    }
}

/// Spaces connection attempts so that no more than `rate` start per second (nmap's `--max-rate`).
public struct RatePacer: Sendable, Hashable {
    /// Attempts per second.
    public var rate: Int
    private var next: Double = 0

    /// A pacer for `rate` attempts per second.
    public init(rate: Int) { self.rate = max(1, rate) }

    /// Reserves the next slot at or after `now` (seconds on any monotonic clock) and returns how long to wait.
    public mutating func reserve(now: Double) -> Double {
        let slot = max(next, now)
        next = slot + 1 / Double(rate)
        return slot - now
    }
}
