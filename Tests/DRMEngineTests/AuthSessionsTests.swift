import DRMCore
import DRMEngine
import DRMRemote
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

/// Sessions on a pinned clock: expiry of access tokens, and last activity kept without a write per request.
@Suite struct AuthSessionsTests {
    /// A fast stand-in for bcrypt: this suite is about sessions, not hashing.
    static let hasher = PasswordHashClient(hash: { "plain:" + $0 }, verify: { $1 == "plain:" + $0 })

    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_800_000_000)
    }

    @Test func accessTokensExpireAndActivityIsRecordedAtMostOnceAMinute() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let db = database.handle.database
            try await UserAccounts(database: db, hasher: Self.hasher, audit: AuditTrail(.system))
                .create(username: "ada", email: "ada@example.com", password: "Pinned-clock-42", role: .user)
            let clock = Clock()
            var sessions = AuthSessions(
                database: db, hasher: Self.hasher, signer: TokenSigner(secretKey: Data(repeating: 1, count: 32)),
                throttle: LoginThrottle(), audit: AuditTrail(.system)
            )
            sessions.now = { clock.now }
            let grant = try await sessions.login(
                username: "ada", password: "Pinned-clock-42", address: "127.0.0.1", userAgent: "test")
            let start = clock.now

            clock.now = start.addingTimeInterval(30)
            _ = try await sessions.authenticate(grant.accessToken)
            let afterHalfAMinute = try await UserSession.query(on: db).first()?.lastActivity
            clock.now = start.addingTimeInterval(90)
            _ = try await sessions.authenticate(grant.accessToken)
            let afterMinuteAndAHalf = try await UserSession.query(on: db).first()?.lastActivity
            clock.now = start.addingTimeInterval(15 * 60 + 1)
            await #expect(throws: AuthError.invalidToken) {
                try await sessions.authenticate(grant.accessToken)
            }

            #expect(afterHalfAMinute == start)
            #expect(afterMinuteAndAHalf == start.addingTimeInterval(90))
            let refreshed = try await sessions.refresh(grant.refreshToken)
            #expect(
                try await sessions.authenticate(refreshed.accessToken).user.username == "ada",
                "a refresh gives a fresh access token")
        }
    }

    @Test(
        "a session ends after inactivity_timeout_minutes idle, and session_timeout_minutes after log-in at the latest",
        arguments: SchemaDialect.allCases)
    func sessionTimeOutsComeFromTheSettings(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let db = database.handle.database
            try await UserAccounts(database: db, hasher: Self.hasher, audit: AuditTrail(.system))
                .create(username: "ada", email: "ada@example.com", password: "Pinned-clock-42", role: .user)
            _ = try await SystemSettings(database: db).update(
                ["inactivity_timeout_minutes": 10, "session_timeout_minutes": 30], audit: AuditTrail(.system))
            let clock = Clock()
            var sessions = AuthSessions(
                database: db, hasher: Self.hasher, signer: TokenSigner(secretKey: Data(repeating: 1, count: 32)),
                throttle: LoginThrottle(), audit: AuditTrail(.system))
            sessions.now = { clock.now }
            let start = clock.now
            func login() async throws -> AuthSessions.Grant {
                try await sessions.login(
                    username: "ada", password: "Pinned-clock-42", address: "127.0.0.1", userAgent: nil)
            }

            let idle = try await login()
            clock.now = start.addingTimeInterval(11 * 60)
            await #expect(throws: AuthError.invalidToken, "idle for 11 minutes") {
                try await sessions.authenticate(sessionToken: idle.refreshToken)
            }

            clock.now = start
            let busy = try await login()
            #expect(busy.sessionExpiresAt == start.addingTimeInterval(30 * 60))
            for minute in stride(from: 8, through: 24, by: 8) {
                clock.now = start.addingTimeInterval(Double(minute) * 60)
                _ = try await sessions.authenticate(sessionToken: busy.refreshToken)
            }
            clock.now = start.addingTimeInterval(31 * 60)
            await #expect(throws: AuthError.invalidToken, "31 minutes after log-in, however active") {
                try await sessions.authenticate(sessionToken: busy.refreshToken)
            }
        }
    }
}
