public import DRMCore

/// Why an account change was refused, with the field at fault.
public enum AccountError: DomainError, Equatable, CustomStringConvertible {
    case invalidUsername(String)
    case invalidEmail(String)
    case weakPassword([String])
    case usernameTaken(String)
    case emailTaken(String)
    case notFound(String)

    /// The request field that caused it; none when there is no such user.
    public var field: String? {
        switch self {
        case .invalidUsername, .usernameTaken: "username"
        case .invalidEmail, .emailTaken: "email"
        case .weakPassword: "password"
        case .notFound: nil
        }
    }

    /// 409 when a name or address is taken, 404 when there's no such user, 422 otherwise.
    public var kind: ErrorKind {
        switch self {
        case .usernameTaken, .emailTaken: .conflict
        case .notFound: .notFound
        default: .invalid
        }
    }

    /// The problem, for people; a missing user is not named back to the caller.
    public var message: String {
        switch self {
        case .notFound: "user not found"
        default: description
        }
    }

    public var description: String {
        switch self {
        case .invalidUsername(let name): "user name '\(name)' must be 3–50 letters, digits, '.', '_' or '-'"
        case .invalidEmail(let email): "'\(email)' is not an e-mail address"
        case .weakPassword(let problems): "the password needs " + problems.joined(separator: ", ")
        case .usernameTaken(let name): "user name '\(name)' is taken"
        case .emailTaken(let email): "e-mail '\(email)' is taken"
        case .notFound(let name): "no user '\(name)'"
        }
    }
}
