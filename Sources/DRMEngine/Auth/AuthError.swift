public import DRMCore

/// Why authentication failed. Log-in failures never say whether the user exists.
public enum AuthError: DomainError, Equatable {
    case invalidCredentials
    case throttled(retryAfter: Int)
    /// Too many log-ins are being checked at once; try again in a moment.
    case busy
    case invalidToken
    /// No such session, or one the caller may not end.
    case sessionNotFound

    /// 401 for a bad log-in or token, 429 while throttled, 404 for a session that isn't there.
    public var kind: ErrorKind {
        switch self {
        case .invalidCredentials: .badCredentials
        case .throttled(let seconds): .throttled(retryAfterSeconds: seconds)
        case .busy: .throttled(retryAfterSeconds: 1)
        case .invalidToken: .unauthenticated
        case .sessionNotFound: .notFound
        }
    }

    /// Nothing the caller sent is named.
    public var field: String? { nil }

    /// The problem, for people: one message whether or not the user exists.
    public var message: String {
        switch self {
        case .invalidCredentials: "Incorrect username or password"
        case .throttled(let seconds): "Too many failed log-ins; try again in \(seconds) s"
        case .busy: "Too many log-ins in progress; try again shortly"
        case .invalidToken: "Missing, expired or revoked token"
        case .sessionNotFound: "session not found"
        }
    }
}
