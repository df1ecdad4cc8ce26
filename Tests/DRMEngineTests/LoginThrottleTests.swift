import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

/// The log-in throttle through `AuthSessions.login`, on real databases: what locks, what never locks the owner
/// out, and that concurrent guesses can't pass the limit.
@Suite struct LoginThrottleTests {
    /// A fast stand-in for bcrypt that yields, so concurrent log-ins really interleave.
    static let hasher = PasswordHashClient(
        hash: { "plain:" + $0 },
        verify: { password, hash in
            await Task.yield()
            return hash == "plain:" + password
        })
    static let password = "Correct-horse-42"

    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_800_000_000)
    }

    static func sessions(_ database: TestDatabase, clock: Clock) async throws -> AuthSessions {
        let db = database.handle.database
        try await UserAccounts(database: db, hasher: hasher, audit: AuditTrail(.system))
            .create(username: "admin", email: "admin@example.com", password: password, role: .administrator)
        var sessions = AuthSessions(
            database: db, hasher: hasher, signer: TokenSigner(secretKey: Data(repeating: 7, count: 32)),
            throttle: LoginThrottle(), audit: AuditTrail(.system))
        sessions.now = { clock.now }
        return sessions
    }

    /// `nil` for a success, else the failure.
    static func attempt(_ sessions: AuthSessions, _ password: String, from address: String) async -> AuthError? {
        do {
            _ = try await sessions.login(username: "admin", password: password, address: address, userAgent: nil)
            return nil
        } catch let failure as AuthError {
            return failure
        } catch {
            Issue.record("unexpected \(error)")
            return .invalidToken
        }
    }

    @Test("five failures lock the pair, doubling; another address logs in", arguments: SchemaDialect.allCases)
    func pairLock(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = Clock()
            let sessions = try await Self.sessions(database, clock: clock)
            for _ in 0..<5 { #expect(await Self.attempt(sessions, "wrong", from: "10.0.0.1") == .invalidCredentials) }

            #expect(await Self.attempt(sessions, Self.password, from: "10.0.0.1") == .throttled(retryAfter: 30))
            #expect(
                await Self.attempt(sessions, Self.password, from: "10.0.0.2") == nil,
                "the owner from another address is never locked out by someone else's guesses")
            clock.now += 31
            #expect(await Self.attempt(sessions, "wrong", from: "10.0.0.1") == .invalidCredentials)
            #expect(await Self.attempt(sessions, "wrong", from: "10.0.0.1") == .throttled(retryAfter: 60), "doubled")
        }
    }

    @Test("40 concurrent guesses: exactly five reach the password check", arguments: SchemaDialect.allCases)
    func concurrentGuesses(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let sessions = try await Self.sessions(database, clock: Clock())
            let outcomes = await withTaskGroup(of: (Int, AuthError?).self) { group in
                for index in 0..<40 {
                    group.addTask {
                        (index, await Self.attempt(sessions, "wrong", from: "10.0.0.9"))
                    }
                }
                return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }

            let checked = outcomes.values.filter { $0 == .invalidCredentials }.count
            #expect(checked == 5, "only five attempts reach the password check: \(outcomes)")
            #expect(outcomes.values.filter { if case .throttled = $0 { true } else { false } }.count == 35)
            #expect(
                await Self.attempt(sessions, Self.password, from: "10.0.0.9") == .throttled(retryAfter: 30),
                "the right password from that address waits too")
            let failedLogins = try await AuditEvent.query(on: database.handle.database)
                .filter(\.$action == AuditAction.loginFailed.rawValue).count()
            #expect(failedLogins == 5)
        }
    }

    @Test(
        "many addresses: the account lock stops those that failed, never a fresh one; unlock clears it",
        arguments: SchemaDialect.allCases)
    func accountLock(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let sessions = try await Self.sessions(database, clock: Clock())
            for index in 0..<50 {
                #expect(await Self.attempt(sessions, "wrong", from: "10.1.0.\(index)") == .invalidCredentials)
            }

            #expect(
                await Self.attempt(sessions, Self.password, from: "10.1.0.7") == .throttled(retryAfter: 30),
                "an address that failed on the account waits")
            let unlocked = try await LoginThrottle().unlock(username: "ADMIN", on: database.sql)
            #expect(unlocked)
            #expect(await Self.attempt(sessions, Self.password, from: "10.1.0.7") == nil, "unlocked")
            #expect(await Self.attempt(sessions, Self.password, from: "10.2.0.1") == nil)
        }
    }

    @Test("twenty failures from one address lock it for every account", arguments: [SchemaDialect.sqlite])
    func addressLock(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let sessions = try await Self.sessions(database, clock: Clock())
            for index in 0..<20 {
                _ = try? await sessions.login(
                    username: "user\(index % 4)", password: "wrong", address: "10.3.0.1", userAgent: nil)
            }

            #expect(await Self.attempt(sessions, Self.password, from: "10.3.0.1") == .throttled(retryAfter: 30))
            #expect(await Self.attempt(sessions, Self.password, from: "10.3.0.2") == nil)
        }
    }
}
