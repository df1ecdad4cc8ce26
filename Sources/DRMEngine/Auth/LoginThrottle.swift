public import Foundation
public import SQLKit

/// Slows down password guessing without letting anyone lock out an account's owner.
///
/// Failures are counted in `login_throttles` under three keys: the (account, address) pair, the address, and the
/// account. Reaching a limit locks that key for a while that doubles with each further failure (30 s, 1 min, 2 min
/// … up to 15 min):
/// - a pair lock stops one address guessing one account;
/// - an address lock stops one address guessing many accounts;
/// - the slower account lock stops guessing spread over many addresses, but only for addresses that have already
///   failed on that account: a correct password from an address with no failures is never refused.
///
/// An attempt is counted *before* its password is checked, with a compare-and-set on the row, so concurrent
/// guesses can't all pass the limit; a success takes its count back. Counting in the database means every node of
/// a cluster sees the same attempts, and `enabledrm user unlock` can clear a lock.
public struct LoginThrottle: Sendable {
    public struct Policy: Sendable {
        public var pairFailures = 5
        public var addressFailures = 20
        public var accountFailures = 50
        /// A key's count restarts when its first failure is older than this.
        public var window: TimeInterval = 15 * 60
        public var firstLock: TimeInterval = 30
        public var longestLock: TimeInterval = 15 * 60

        public init() {}

        func limit(_ scope: Scope) -> Int {
            switch scope {
            case .pair: pairFailures
            case .address: addressFailures
            case .account: accountFailures
            }
        }

        /// How long a key is locked once it has `failures` against `limit`; `nil` while under the limit.
        func lock(failures: Int, limit: Int) -> TimeInterval? {
            let excess = failures - limit
            guard excess >= 0 else { return nil }
            return min(firstLock * pow(2, Double(min(excess, 30))), longestLock)
        }
    }

    enum Scope: String {
        case pair, address, account
    }

    struct Key {
        var scope: Scope
        var username: String?
        var address: String?

        var text: String {
            switch scope {
            case .pair: "pair:\(username ?? "")|\(address ?? "")"
            case .address: "address:\(address ?? "")"
            case .account: "account:\(username ?? "")"
            }
        }
    }

    /// What ``admit(username:address:now:on:)`` decided.
    public enum Admission: Equatable, Sendable {
        /// Counted as a failure until ``succeeded(username:address:on:)`` takes it back: check the password.
        case admitted
        /// Refused without checking the password; try again after this many seconds.
        case throttled(retryAfter: Int)
    }

    public let policy: Policy

    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Counts an attempt of `username` from `address`, or refuses it while a lock applies.
    public func admit(username: String, address: String, now: Date, on sql: any SQLDatabase) async throws -> Admission {
        let (pair, byAddress, account) = Self.keys(username: username, address: address)
        let pairBefore = try await count(pair, now: now, on: sql)
        if case .throttled(let wait) = pairBefore { return .throttled(retryAfter: wait) }
        if case .throttled(let wait) = try await count(byAddress, now: now, on: sql) {
            try await takeBack([pair], on: sql)
            return .throttled(retryAfter: wait)
        }
        let accountResult = try await count(account, now: now, on: sql)
        if case .throttled(let wait) = accountResult, case .counted(let pairFailuresBefore) = pairBefore,
            pairFailuresBefore > 0
        {
            try await takeBack([pair, byAddress], on: sql)
            return .throttled(retryAfter: wait)
        }
        if Int.random(in: 0..<100) == 0 { try await prune(now: now, on: sql) }
        return .admitted
    }

    /// A correct password: the pair's and the account's failures are forgotten, the address's count is taken back.
    public func succeeded(username: String, address: String, on sql: any SQLDatabase) async throws {
        let (pair, byAddress, account) = Self.keys(username: username, address: address)
        try await sql.raw(
            "DELETE FROM login_throttles WHERE throttle_key IN (\(bind: pair.text), \(bind: account.text))"
        ).run()
        try await takeBack([byAddress], on: sql)
    }

    /// Clears every lock and count of `username`. Returns whether there was anything to clear.
    @discardableResult
    public func unlock(username: String, on sql: any SQLDatabase) async throws -> Bool {
        let name = Self.normalised(username)
        let rows = try await sql.raw(
            "DELETE FROM login_throttles WHERE username = \(bind: name) RETURNING throttle_key"
        ).all()
        return !rows.isEmpty
    }

    // MARK: - Counting

    enum Count {
        /// Counted; the key had this many failures in its window before.
        case counted(before: Int)
        /// The key was locked; nothing was counted.
        case throttled(Int)
    }

    struct State {
        var failures: Int
        var windowStartedAt: Date
        var lockedUntil: Date?

        init(failures: Int, windowStartedAt: Date, lockedUntil: Date?) {
            self.failures = failures
            self.windowStartedAt = windowStartedAt
            self.lockedUntil = lockedUntil
        }

        init(_ row: any SQLRow) throws {
            self.init(
                failures: try row.decode(column: "failures", as: Int.self),
                windowStartedAt: try row.decode(column: "window_started_at", as: Date.self),
                lockedUntil: try row.decode(column: "locked_until", as: Date?.self))
        }

        func failures(now: Date, window: TimeInterval) -> Int {
            now.timeIntervalSince(windowStartedAt) >= window ? 0 : failures
        }

        func wait(now: Date) -> Int? {
            guard let lockedUntil, lockedUntil > now else { return nil }
            return Int(lockedUntil.timeIntervalSince(now).rounded(.up))
        }
    }

    /// Adds one failure to `key` with a compare-and-set on its count, placing a lock when the count reaches the
    /// limit. Concurrent attempts retry on the fresh count; a key that stays contended is treated as locked.
    func count(_ key: Key, now: Date, on sql: any SQLDatabase) async throws -> Count {
        let limit = policy.limit(key.scope)
        for _ in 0..<100 {
            let row = try await sql.raw(
                "SELECT failures, window_started_at, locked_until FROM login_throttles WHERE throttle_key = \(bind: key.text)"
            ).first()
            guard let row else {
                let lock = policy.lock(failures: 1, limit: limit).map { now.addingTimeInterval($0) }
                let inserted = try await sql.raw(
                    """
                    INSERT INTO login_throttles (throttle_key, scope, username, address, failures, window_started_at, locked_until)
                    VALUES (\(bind: key.text), \(bind: key.scope.rawValue), \(bind: key.username), \(bind: key.address),
                        1, \(bind: now), \(bind: lock))
                    ON CONFLICT (throttle_key) DO NOTHING RETURNING throttle_key
                    """
                ).all()
                if !inserted.isEmpty { return .counted(before: 0) }
                continue
            }
            let state = try State(row)
            if let wait = state.wait(now: now) { return .throttled(wait) }
            let before = state.failures(now: now, window: policy.window)
            let windowStart = before == 0 ? now : state.windowStartedAt
            let lock = policy.lock(failures: before + 1, limit: limit).map { now.addingTimeInterval($0) }
            let updated = try await sql.raw(
                """
                UPDATE login_throttles SET failures = \(bind: before + 1), window_started_at = \(bind: windowStart),
                    locked_until = \(bind: lock)
                WHERE throttle_key = \(bind: key.text) AND failures = \(bind: state.failures)
                    AND (locked_until IS NULL OR locked_until <= \(bind: now))
                RETURNING throttle_key
                """
            ).all()
            if !updated.isEmpty { return .counted(before: before) }
        }
        return .throttled(Int(policy.firstLock))
    }

    /// Takes back one counted failure from each key, and the lock that it may have placed.
    func takeBack(_ keys: [Key], on sql: any SQLDatabase) async throws {
        for key in keys {
            try await sql.raw(
                """
                UPDATE login_throttles SET failures = failures - 1,
                    locked_until = CASE WHEN failures - 1 < \(bind: policy.limit(key.scope)) THEN NULL ELSE locked_until END
                WHERE throttle_key = \(bind: key.text) AND failures > 0
                """
            ).run()
        }
    }

    /// Forgets keys whose window and lock are both over, so that guessing made-up names doesn't grow the table.
    func prune(now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            DELETE FROM login_throttles WHERE window_started_at < \(bind: now.addingTimeInterval(-policy.window))
                AND (locked_until IS NULL OR locked_until < \(bind: now))
            """
        ).run()
    }

    static func normalised(_ username: String) -> String {
        String(username.lowercased().prefix(100))
    }

    static func keys(username: String, address: String) -> (pair: Key, address: Key, account: Key) {
        let name = normalised(username)
        let address = String(address.prefix(45))
        return (
            Key(scope: .pair, username: name, address: address), Key(scope: .address, address: address),
            Key(scope: .account, username: name)
        )
    }
}
