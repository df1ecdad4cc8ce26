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
}
