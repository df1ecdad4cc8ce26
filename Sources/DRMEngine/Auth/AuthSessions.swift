import Crypto
import DRMCore
public import DRMStore
public import FluentKit
public import Foundation

/// Log-in, token refresh, log-out and request authentication. A session is a `user_sessions` row holding the
/// SHA-256 of its current refresh token; access tokens name their session, so deleting the row, or disabling the
/// user, ends access at once.
public struct AuthSessions: Sendable {
    public struct Lifetimes: Sendable {
        public var accessToken: TimeInterval = 15 * 60
        public var refreshToken: TimeInterval = 7 * 24 * 3600

        public init() {}
    }

    /// What a successful log-in or refresh hands out.
    public struct Grant: Sendable {
        public var accessToken: String
        public var refreshToken: String
        public var expiresIn: Int
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

    /// Checks the password and opens a session.
    public func login(username: String, password: String, address: String, userAgent: String?) async throws -> Grant {
        let now = now()
        var attempt = audit
        attempt.context.actorName = username
        if let wait = await throttle.retryAfter(username: username, address: address, now: now) {
            try await attempt.record(
                .loginThrottled, outcome: .denied, severity: .medium, details: ["retry_after": .number(wait)],
                on: database)
            throw AuthError.throttled(retryAfter: Int(wait))
        }
        let user = try await User.query(on: database).filter(\.$username == username).first()
        // Verify against a fixed hash when there's no such user, so both cases take as long.
        let matches = (try? hasher.verify(password, user?.passwordHash ?? Self.placeholderHash)) ?? false
        guard let user, matches, user.isActive else {
            await throttle.failed(username: username, address: address, now: now)
            // The caller is told nothing; the audit log, for administrators, says why.
            let reason = user == nil ? "unknown_user" : matches ? "account_disabled" : "wrong_password"
            attempt.context.actorUserID = user?.id
            try await attempt.record(
                .loginFailed, outcome: .failure, severity: .low, details: ["reason": .string(reason)], on: database)
            throw AuthError.invalidCredentials
        }
        await throttle.succeeded(username: username)
        let session = UserSession()
        session.userID = try user.requireID()
        session.ipAddress = String(address.prefix(45))
        session.userAgent = userAgent
        session.lastActivity = now
        let refresh = Self.newRefreshToken()
        session.sessionToken = Self.digest(refresh)
        session.expiresAt = now.addingTimeInterval(lifetimes.refreshToken)
        try await session.create(on: database)
        user.lastLogin = now
        try await user.save(on: database)
        attempt.context.actorUserID = user.id
        try await attempt.record(.login, resource: ("session", String(try session.requireID())), on: database)
        return try grant(user: user, session: session, refresh: refresh, now: now)
    }

    /// Trades a refresh token for a new pair; the old refresh token stops working (rotation).
    public func refresh(_ token: String) async throws -> Grant {
        let now = now()
        guard
            let session = try await UserSession.query(on: database).filter(\.$sessionToken == Self.digest(token))
                .first(),
            session.expiresAt > now,
            let user = try await User.find(session.userID, on: database), user.isActive
        else { throw AuthError.invalidToken }
        let refresh = Self.newRefreshToken()
        session.sessionToken = Self.digest(refresh)
        session.lastActivity = now
        try await session.save(on: database)
        return try grant(user: user, session: session, refresh: refresh, now: now)
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
        if now.timeIntervalSince(session.lastActivity ?? .distantPast) >= 60 {
            session.lastActivity = now
            try await session.save(on: database)
        }
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
        if now.timeIntervalSince(session.lastActivity ?? .distantPast) >= 60 {
            session.lastActivity = now
            try await session.save(on: database)
        }
        return Principal(user: user, sessionID: try session.requireID())
    }

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

    func grant(user: User, session: UserSession, refresh: String, now: Date) throws -> Grant {
        let claims = TokenSigner.Claims(
            sub: String(try user.requireID()), sid: try session.requireID(), iat: Int(now.timeIntervalSince1970),
            exp: Int(now.addingTimeInterval(lifetimes.accessToken).timeIntervalSince1970)
        )
        return Grant(
            accessToken: try signer.sign(claims), refreshToken: refresh, expiresIn: Int(lifetimes.accessToken),
            user: user)
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
