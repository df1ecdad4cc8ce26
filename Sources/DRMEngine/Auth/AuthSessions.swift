import Crypto
import DRMCore
public import DRMStore
public import FluentKit
public import Foundation
import SQLKit

/// Log-in, token refresh, log-out and request authentication. A session is a `user_sessions` row holding the
/// SHA-256 of its current refresh token; access tokens name their session, so deleting the row, or disabling the
/// user, ends access at once.
public struct AuthSessions: Sendable {
    /// How long an access token lives. A session's own lifetime and inactivity time-out are the settings
    /// `session_timeout_minutes` and `inactivity_timeout_minutes`.
    public struct Lifetimes: Sendable {
        public var accessToken: TimeInterval = 15 * 60

        public init() {}
    }

    /// What a successful log-in or refresh hands out.
    public struct Grant: Sendable {
        public var accessToken: String
        public var refreshToken: String
        public var expiresIn: Int
        /// When the session ends at the latest (`session_timeout_minutes` after log-in).
        public var sessionExpiresAt: Date
        public var user: User
    }

    /// A request's authenticated user and session.
    public struct Principal: Sendable {
        public var user: User
        public var sessionID: Int
    }

    public let database: any Database
    public let hasher: PasswordHashClient
    public let signer: TokenSigner
    public let throttle: LoginThrottle
    /// Where log-ins, failures and log-outs are recorded; its context carries the caller's address.
    public let audit: AuditTrail
    public var lifetimes = Lifetimes()
    public var now: @Sendable () -> Date = { Date() }

    public init(
        database: any Database, hasher: PasswordHashClient, signer: TokenSigner, throttle: LoginThrottle,
        audit: AuditTrail
    ) {
        self.database = database
        self.hasher = hasher
        self.signer = signer
        self.throttle = throttle
        self.audit = audit
    }

    /// Checks the password and opens a session. The attempt is counted by the throttle before the password is
    /// checked, so concurrent guesses can't pass its limits.
    public func login(username: String, password: String, address: String, userAgent: String?) async throws -> Grant {
        let now = now()
        let sql = database as! any SQLDatabase
        var attempt = audit
        attempt.context.actorName = String(username.prefix(100))
        if case .throttled(let wait) = try await throttle.admit(
            username: username, address: address, now: now, on: sql)
        {
            try await attempt.record(
                .loginThrottled, outcome: .denied, severity: .medium, details: ["retry_after": .number(Double(wait))],
                on: database)
            throw AuthError.throttled(retryAfter: wait)
        }
        let user = try await User.query(on: database).filter(\.$username == username).first()
        // Verify against a fixed hash when there's no such user, so both cases take as long.
        let matches: Bool
        do {
            matches = try await hasher.verify(password, user?.passwordHash ?? Self.placeholderHash)
        } catch is PasswordHashClient.Busy {
            try await throttle.succeeded(username: username, address: address, on: sql)
            throw AuthError.busy
        } catch {
            matches = false
        }
        guard let user, matches, user.isActive else {
            // The caller is told nothing; the audit log, for administrators, says why.
            let reason = user == nil ? "unknown_user" : matches ? "account_disabled" : "wrong_password"
            attempt.context.actorUserID = user?.id
            try await attempt.record(
                .loginFailed, outcome: .failure, severity: .low, details: ["reason": .string(reason)], on: database)
            throw AuthError.invalidCredentials
        }
        try await throttle.succeeded(username: username, address: address, on: sql)
        let session = UserSession()
        session.userID = try user.requireID()
        session.ipAddress = String(address.prefix(45))
        session.userAgent = userAgent
        session.lastActivity = now
        let refresh = Self.newRefreshToken()
        session.sessionToken = Self.digest(refresh)
        session.expiresAt = now.addingTimeInterval(try await settings.minutes(.sessionTimeoutMinutes))
        try await session.create(on: database)
        user.lastLogin = now
        try await user.save(on: database)
        attempt.context.actorUserID = user.id
        try await attempt.record(.login, resource: ("session", String(try session.requireID())), on: database)
        return try grant(
            user: user, sessionID: try session.requireID(), expiresAt: session.expiresAt, refresh: refresh, now: now)
    }

    /// Trades a refresh token for a new pair; the old refresh token stops working (rotation). The swap is one
    /// conditional update, so of concurrent refreshes of one token exactly one succeeds; presenting a token that
    /// was already rotated away (a replay, as by a thief) ends the session.
    public func refresh(_ token: String) async throws -> Grant {
        let now = now()
        let sql = database as! any SQLDatabase
        let presented = Self.digest(token)
        let refresh = Self.newRefreshToken()
        let swapped = try await sql.raw(
            """
            UPDATE user_sessions SET session_token = \(bind: Self.digest(refresh)),
                previous_session_token = \(bind: presented), last_activity = \(bind: now)
            WHERE session_token = \(bind: presented) AND expires_at > \(bind: now)
                AND last_activity > \(bind: now.addingTimeInterval(-(try await settings.minutes(.inactivityTimeoutMinutes))))
            RETURNING id, user_id, expires_at
            """
        ).first()
        guard let swapped else {
            let replayed = try await sql.raw(
                "DELETE FROM user_sessions WHERE previous_session_token = \(bind: presented) RETURNING id, user_id"
            ).first()
            if let replayed {
                try await audit.record(
                    .sessionRevoked, outcome: .denied, severity: .high,
                    resource: ("session", String(try replayed.decode(column: "id", as: Int.self))),
                    details: [
                        "user_id": .number(Double(try replayed.decode(column: "user_id", as: Int.self))),
                        "reason": "refresh_token_reused",
                    ], on: database)
            }
            throw AuthError.invalidToken
        }
        guard let user = try await User.find(try swapped.decode(column: "user_id", as: Int.self), on: database),
            user.isActive
        else { throw AuthError.invalidToken }
        return try grant(
            user: user, sessionID: try swapped.decode(column: "id", as: Int.self),
            expiresAt: try swapped.decode(column: "expires_at", as: Date.self), refresh: refresh, now: now)
    }

    /// The user and session behind an access token, if both are still valid. Marks the session active (at most
    /// once a minute, so that reading requests don't each cost a write).
    public func authenticate(_ accessToken: String) async throws -> Principal {
        let now = now()
        guard let claims = try? signer.verify(accessToken, now: now), let userID = Int(claims.sub),
            let session = try await UserSession.find(claims.sid, on: database), session.userID == userID,
            session.expiresAt > now,
            let user = try await User.find(userID, on: database), user.isActive
        else { throw AuthError.invalidToken }
        try await touch(session, now: now)
        return Principal(user: user, sessionID: claims.sid)
    }

    /// The user and session behind a web session cookie, which holds the session's refresh token. Like
    /// ``authenticate(_:)``, it marks the session active at most once a minute.
    public func authenticate(sessionToken: String) async throws -> Principal {
        let now = now()
        guard
            let session = try await UserSession.query(on: database)
                .filter(\.$sessionToken == Self.digest(sessionToken)).first(),
            session.expiresAt > now,
            let user = try await User.find(session.userID, on: database), user.isActive
        else { throw AuthError.invalidToken }
        try await touch(session, now: now)
        return Principal(user: user, sessionID: try session.requireID())
    }

    /// Ends `session` when it has been idle longer than `inactivity_timeout_minutes`; otherwise marks it active, at
    /// most once a minute (so that reading requests don't each cost a write).
    func touch(_ session: UserSession, now: Date) async throws {
        let idle = now.timeIntervalSince(session.lastActivity ?? session.createdAt ?? now)
        if idle > (try await settings.minutes(.inactivityTimeoutMinutes)) {
            try await session.delete(on: database)
            throw AuthError.invalidToken
        }
        if idle >= 60 {
            session.lastActivity = now
            try await session.save(on: database)
        }
    }

    var settings: SystemSettings { SystemSettings(database: database) }

    /// Ends session `id` for `principal`: their own, or anyone's for an administrator. Someone else's session is
    /// "not found" to anyone else.
    public func end(sessionID id: Int, by principal: Principal) async throws {
        guard let session = try await UserSession.find(id, on: database),
            principal.user.role == .administrator || session.userID == principal.user.id
        else { throw AuthError.sessionNotFound }
        try await session.delete(on: database)
        try await audit.record(
            .sessionRevoked, resource: ("session", String(id)), details: ["user_id": .number(Double(session.userID))],
            on: database)
    }

    /// Ends the session of `principal`.
    public func logout(_ principal: Principal) async throws {
        try await UserSession.query(on: database).filter(\.$id == principal.sessionID).delete()
        try await audit.record(.logout, resource: ("session", String(principal.sessionID)), on: database)
    }

    func grant(user: User, sessionID: Int, expiresAt: Date, refresh: String, now: Date) throws -> Grant {
        let claims = TokenSigner.Claims(
            sub: String(try user.requireID()), sid: sessionID, iat: Int(now.timeIntervalSince1970),
            exp: Int(now.addingTimeInterval(lifetimes.accessToken).timeIntervalSince1970)
        )
        return Grant(
            accessToken: try signer.sign(claims), refreshToken: refresh, expiresIn: Int(lifetimes.accessToken),
            sessionExpiresAt: expiresAt, user: user)
    }

    static func newRefreshToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return TokenSigner.base64URL(Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    /// Refresh tokens are stored as their SHA-256, never as themselves.
    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A bcrypt hash of nothing anyone knows, to spend the same time on unknown user names.
    static let placeholderHash = "$2b$12$eGpkcTaD5xU22stj8IcShuxsTaouU.b6UJohFLIrbIhWu3ge2usty"
}
