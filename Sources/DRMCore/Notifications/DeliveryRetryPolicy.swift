public import Foundation

/// What one delivery attempt's outcome means, and when the next attempt is due.
///
/// A 2xx is delivered. A network error, 408, 429 and 5xx are tried again after an exponential backoff with jitter
/// (`base · 2^(attempt-1)`, at most `cap`, then up to a quarter less at random), or after the server's
/// `Retry-After` when it gives one (at most `cap`), until `maxAttempts`. Any other status is final.
public struct DeliveryRetryPolicy: Sendable, Hashable {
    /// What to do after an attempt.
    public enum Verdict: Sendable, Hashable {
        case delivered
        /// Try again after this many seconds.
        case retry(after: Double)
        /// Stop: the destination refused it, or the attempts are used up.
        case failed(String)
    }

    /// The pause after the first failed attempt, in seconds.
    public var base: Double
    /// The longest pause, in seconds (a larger `Retry-After` is cut to it).
    public var cap: Double
    /// Attempts in all, the first included.
    public var maxAttempts: Int

    public init(base: Double = 5, cap: Double = 3600, maxAttempts: Int = 8) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// Whether an HTTP status is worth trying again: 408, 429 and 5xx.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status)
    }

    /// The verdict on attempt number `attempt` (1 for the first) that got `status` (nil: no response, a network
    /// error) and, maybe, a `Retry-After` header; `random` gives a number in 0..<1 for the jitter.
    public func verdict(
        attempt: Int, status: Int?, retryAfter: String? = nil, now: Date = Date(),
        random: () -> Double = { Double.random(in: 0..<1) }
    ) -> Verdict {
        if let status, (200...299).contains(status) { return .delivered }
        if let status, !Self.isRetryable(status: status) { return .failed("the destination answered \(status)") }
        let why = status.map { "the destination answered \($0)" } ?? "the destination could not be reached"
        guard attempt < maxAttempts else { return .failed("\(why); gave up after \(attempt) attempt(s)") }
        if let retryAfter, let seconds = Self.seconds(retryAfter: retryAfter, now: now) {
            return .retry(after: min(cap, max(0, seconds)))
        }
        return .retry(after: backoff(attempt: attempt, random: random()))
    }

    /// The pause after failed attempt `attempt`, before jitter takes up to a quarter off.
    public func backoff(attempt: Int, random: Double) -> Double {
        let exponential = min(cap, base * pow(2, Double(max(0, attempt - 1))))
        return exponential * (1 - 0.25 * min(max(random, 0), 1))
    }

    /// `Retry-After` in seconds: a number of seconds, or an HTTP date (RFC 9110).
    public static func seconds(retryAfter: String, now: Date) -> Double? {
        let text = retryAfter.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text).map { $0.timeIntervalSince(now) }
    }
}
