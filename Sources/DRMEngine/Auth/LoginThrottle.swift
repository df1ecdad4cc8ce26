public import Foundation

/// Slows down password guessing: after a few failures an account, or an address, is locked for a while that
/// doubles with each further failure (30 s, 1 min, 2 min … up to 15 min). A success clears the account.
public actor LoginThrottle {
    public struct Policy: Sendable {
        /// Failures allowed before a lock, per account and per address.
        public var accountFailures = 5
        public var addressFailures = 20
        /// Failures older than this are forgotten.
        public var window: TimeInterval = 15 * 60
        public var firstLock: TimeInterval = 30
        public var longestLock: TimeInterval = 15 * 60

        public init() {}
    }

    struct Record {
        var failures: [Date] = []
        var lockedUntil: Date?
    }

    let policy: Policy
    var accounts: [String: Record] = [:]
    var addresses: [String: Record] = [:]

    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Seconds until `username` from `address` may try again; `nil` when it may now.
    public func retryAfter(username: String, address: String, now: Date) -> TimeInterval? {
        let waits = [accounts[username.lowercased()]?.lockedUntil, addresses[address]?.lockedUntil]
            .compactMap { $0 }.map { $0.timeIntervalSince(now) }.filter { $0 > 0 }
        return waits.max().map { $0.rounded(.up) }
    }

    /// Records a failed attempt.
    public func failed(username: String, address: String, now: Date) {
        Self.record(
            &accounts[username.lowercased(), default: Record()], limit: policy.accountFailures, policy: policy, now: now
        )
        Self.record(&addresses[address, default: Record()], limit: policy.addressFailures, policy: policy, now: now)
        // Guessing made-up user names must not grow memory without bound: forget what no longer matters.
        if accounts.count + addresses.count > 10_000 {
            accounts = accounts.filter { !Self.isStale($0.value, policy: policy, now: now) }
            addresses = addresses.filter { !Self.isStale($0.value, policy: policy, now: now) }
        }
    }

    static func isStale(_ record: Record, policy: Policy, now: Date) -> Bool {
        (record.lockedUntil.map { $0 < now } ?? true)
            && record.failures.allSatisfy { now.timeIntervalSince($0) >= policy.window }
    }

    /// Records a success: the account's failures are forgotten (the address's are not).
    public func succeeded(username: String) {
        accounts[username.lowercased()] = nil
    }

    static func record(_ record: inout Record, limit: Int, policy: Policy, now: Date) {
        record.failures = record.failures.filter { now.timeIntervalSince($0) < policy.window } + [now]
        let excess = record.failures.count - limit
        guard excess >= 0 else { return }
        let lock = min(policy.firstLock * pow(2, Double(excess)), policy.longestLock)
        record.lockedUntil = now.addingTimeInterval(lock)
    }
}
