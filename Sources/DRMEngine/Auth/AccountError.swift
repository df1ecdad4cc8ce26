/// Why an account change was refused, with the field at fault.
public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidUsername(String)
    case invalidEmail(String)
    case weakPassword([String])
    case usernameTaken(String)
    case emailTaken(String)
    case notFound(String)

    /// The request field that caused it.
    public var field: String {
        switch self {
        case .invalidUsername, .usernameTaken, .notFound: "username"
        case .invalidEmail, .emailTaken: "email"
        case .weakPassword: "password"
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
