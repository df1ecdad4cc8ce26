import Foundation

/// The outcome of one connection test: what the health monitor stores and the UI shows.
public struct ProbeResult: Sendable, Equatable, CustomStringConvertible {
    public var success: Bool
    /// Set when `success` is false.
    public var category: ConnectionErrorCategory?
    public var message: String
    /// From the start of the connection attempt to the answer (or failure).
    public var latency: Duration
    /// Protocol-specific facts: `os`, `host_key_fingerprint`, `status`, `certificate_not_after`, `banner`, …
    public var details: [String: String]

    public init(
        success: Bool, category: ConnectionErrorCategory? = nil, message: String, latency: Duration,
        details: [String: String] = [:]
    ) {
        self.success = success
        self.category = category
        self.message = message
        self.latency = latency
        self.details = details
    }

    /// A failed probe from a categorized failure.
    public static func failed(_ failure: ConnectionError, latency: Duration, details: [String: String] = [:])
        -> ProbeResult
    {
        ProbeResult(
            success: false, category: failure.category, message: failure.message, latency: latency,
            details: failure.details.merging(details) { $1 })
    }

    public var description: String {
        success ? "ok (\(latency)): \(message)" : "\(category?.rawValue ?? "failed") (\(latency)): \(message)"
    }
}

/// Times `body` and turns a thrown error into a failed `ProbeResult` (categorized for `host:port`).
func measure(
    host: String, port: Int, _ body: () async throws -> (message: String, details: [String: String])
) async -> ProbeResult {
    let clock = ContinuousClock()
    let start = clock.now
    do {
        let (message, details) = try await body()
        return ProbeResult(success: true, message: message, latency: clock.now - start, details: details)
    } catch {
        return .failed(ConnectionError.classify(error, host: host, port: port), latency: clock.now - start)
    }
}

/// Runs `probes` with at most `maxConcurrency` at a time (a sliding window: a new one starts as soon as one ends).
/// The results are in the order of `probes`.
public func probeAll(_ probes: [any ConnectionProbe], maxConcurrency: Int) async -> [ProbeResult] {
    precondition(maxConcurrency > 0, "maxConcurrency must be positive")
    var results = [ProbeResult?](repeating: nil, count: probes.count)
    await withTaskGroup(of: (Int, ProbeResult).self) { group in
        var next = 0
        while next < min(maxConcurrency, probes.count) {
            let index = next
            group.addTask { (index, await probes[index].run()) }
            next += 1
        }
        while let (index, result) = await group.next() {
            results[index] = result
            if next < probes.count {
                let index = next
                group.addTask { (index, await probes[index].run()) }
                next += 1
            }
        }
    }
    return results.map { $0! }
}
