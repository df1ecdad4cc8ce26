import Foundation

/// Durations counted in buckets of two significant digits of milliseconds (0–99 ms exact, then 100, 110, …, 990,
/// 1 000, 1 100, …): a bucket is at most 10 % wide and under 1 % off for most values, any two histograms merge by
/// adding counts, and a duration of two significant digits (1.2 s, 45 s, 3.1 min) is counted exactly. Rollups
/// store one per row, so percentiles over any range of rows come from their merged histograms, not from raw rows.
public struct DurationHistogram: Sendable, Hashable, Codable {
    /// Count per bucket, keyed by the bucket's lower bound in milliseconds.
    public private(set) var buckets: [Int: Int]

    public init(buckets: [Int: Int] = [:]) {
        self.buckets = buckets.filter { $0.value > 0 }
    }

    /// The number of durations counted.
    public var count: Int { buckets.values.reduce(0, +) }

    /// The bucket (lower bound, ms) that `seconds` falls in; negative durations count as 0.
    public static func bucket(ofSeconds seconds: Double) -> Int {
        let milliseconds = max(0, Int((seconds * 1000).rounded()))
        guard milliseconds >= 100 else { return milliseconds }
        var scale = 1
        while milliseconds / scale >= 100 { scale *= 10 }
        return milliseconds / scale * scale
    }

    /// Counts one duration.
    public mutating func add(seconds: Double, times: Int = 1) {
        buckets[Self.bucket(ofSeconds: seconds), default: 0] += times
    }

    /// Adds every count of `other`.
    public mutating func merge(_ other: DurationHistogram) {
        for (bucket, count) in other.buckets { buckets[bucket, default: 0] += count }
    }

    /// The `fraction` percentile (0.5 for the median) by nearest rank, in seconds: the bucket holding the
    /// ⌈fraction × count⌉-th smallest duration. `nil` when nothing was counted.
    public func percentile(_ fraction: Double) -> Double? {
        let total = count
        guard total > 0 else { return nil }
        let rank = max(1, Int((fraction * Double(total)).rounded(.up)))
        var seen = 0
        for bucket in buckets.keys.sorted() {
            seen += buckets[bucket] ?? 0
            if seen >= rank { return Double(bucket) / 1000 }
        }
        return nil
    }

    /// The JSON text stored in `performance_metrics.duration_histogram`: `{"1200":3,…}`, keys in order.
    public var text: String {
        let pairs = buckets.keys.sorted().map { "\"\($0)\":\(buckets[$0] ?? 0)" }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    /// Reads ``text``; `nil` or unreadable text is an empty histogram.
    public init(text: String?) {
        guard let data = text?.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            self.init()
            return
        }
        var buckets: [Int: Int] = [:]
        for (key, value) in object {
            if let bucket = Int(key), let count = (value as? NSNumber)?.intValue { buckets[bucket] = count }
        }
        self.init(buckets: buckets)
    }
}
