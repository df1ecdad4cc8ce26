/// What kind of refusal a domain error is. The web edge maps each kind to one HTTP status, in one place.
public enum ErrorKind: Sendable, Hashable {
    /// A value the caller sent isn't allowed (422).
    case invalid
    /// The request can't be read as sent (400).
    case badRequest
    /// No valid token or session came with the request (401, with a challenge).
    case unauthenticated
    /// A user name and password that don't match, told apart from nothing (401, no challenge).
    case badCredentials
    /// The caller's role may not do this (403).
    case forbidden
    /// No such resource (404).
    case notFound
    /// The request conflicts with what exists or its state (409).
    case conflict
    /// Too many attempts: try again after this many seconds (429).
    case throttled(retryAfterSeconds: Int)
    /// Something the use case needs is not available now (503).
    case unavailable
    /// The server has no room left to store the change (507): its disk or database is full.
    case insufficientStorage

    /// The stable error code a client can act on.
    public var code: String {
        switch self {
        case .invalid: "invalid_field"
        case .badRequest: "bad_request"
        case .unauthenticated: "unauthorized"
        case .badCredentials: "invalid_credentials"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .throttled: "too_many_attempts"
        case .unavailable: "unavailable"
        case .insufficientStorage: "insufficient_storage"
        }
    }
}
