/// A validated discovery request: what to sweep and how hard. Building one checks every field and the budget,
/// so a sweep never starts on bad input.
public struct SweepPlan: Sendable, Hashable {
    /// The addresses.
    public var range: ScanRange
    /// The TCP ports, sorted.
    public var ports: [Int]
    /// How many connection attempts may be in flight at once.
    public var concurrency: Int
    /// At most this many connection attempts per second (nil: no cap beyond the concurrency).
    public var rate: Int?
    /// The longest a connection attempt may wait for an answer; the per-host estimate starts here and shrinks.
    public var timeoutMS: Int
    /// How many times an unanswered attempt is tried again (each host also has a budget of retries).
    public var retries: Int

    /// Addresses × ports a sweep may try without an explicit override.
    public static let defaultBudget: UInt128 = 65_536
    /// Addresses × ports a sweep may never exceed, even with the override.
    public static let hardBudget: UInt128 = 16_777_216

    /// Default values of the knobs.
    public static let defaultConcurrency = 256
    /// The default connect time-out in milliseconds.
    public static let defaultTimeoutMS = 1000

    /// Validates a request; each error names the field at fault (`range`, `exclude`, `ports`, `concurrency`,
    /// `rate`, `timeout`, `retries`). `allowLarge` lifts the budget from ``defaultBudget`` to ``hardBudget``.
    public static func validate(
        range: String, exclude: String = "", ports: String = "", concurrency: Int? = nil, rate: Int? = nil,
        timeoutMS: Int? = nil, retries: Int? = nil, allowLarge: Bool = false
    ) throws(FieldError) -> SweepPlan {
        let scanRange = try ScanRange.parse(range, exclude: exclude)
        let portList = try PortList.parse(ports)
        let concurrency = concurrency ?? defaultConcurrency
        guard (1...4096).contains(concurrency) else {
            throw FieldError(field: "concurrency", message: "must be 1…4096")
        }
        if let rate, !(1...1_000_000).contains(rate) {
            throw FieldError(field: "rate", message: "must be 1…1000000 connections per second")
        }
        let timeout = timeoutMS ?? defaultTimeoutMS
        guard (10...60_000).contains(timeout) else {
            throw FieldError(field: "timeout", message: "must be 10…60000 milliseconds")
        }
        let retries = retries ?? 1
        guard (0...5).contains(retries) else { throw FieldError(field: "retries", message: "must be 0…5") }
        let (attempts, overflow) = scanRange.addressCount.multipliedReportingOverflow(by: UInt128(portList.count))
        let budget = allowLarge ? hardBudget : defaultBudget
        if overflow || attempts > budget {
            let count = overflow ? "more than 2^128" : "\(scanRange.addressCount)"
            let hint = allowLarge ? "narrow the range" : "narrow the range or allow a large sweep explicitly"
            throw FieldError(
                field: "range",
                message: "\(count) addresses × \(portList.count) ports exceeds the budget of \(budget) connections; "
                    + hint)
        }
        return SweepPlan(
            range: scanRange, ports: portList, concurrency: concurrency, rate: rate, timeoutMS: timeout,
            retries: retries)
    }

    /// Addresses × ports (host names count as one address each).
    public var attempts: Int { Int(range.addressCount) * ports.count }
}
