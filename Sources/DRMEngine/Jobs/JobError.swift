public import DRMCore

/// Why a job or execution use case refused: the field at fault (as the API spells it, e.g.
/// `actions.0.parameters.command`) and what is wrong.
public enum JobError: DomainError, Hashable, CustomStringConvertible {
    /// `field` holds a value that isn't allowed (422).
    case invalid(field: String, message: String)
    /// The request conflicts with the current state (409): a taken name, an execution that already ended.
    case conflict(field: String?, message: String)
    /// No such job or execution; `what` says which (404).
    case notFound(String)
    /// The caller's role may not do this with `field` (403).
    case forbidden(field: String, message: String)

    init(_ error: FieldError) { self = .invalid(field: error.field, message: error.message) }

    /// The field at fault, if one is.
    public var field: String? {
        switch self {
        case .invalid(let field, _): field
        case .conflict(let field, _): field
        case .forbidden(let field, _): field
        case .notFound: nil
        }
    }

    /// The problem, for people.
    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message)"
        case .conflict(_, let message): message
        case .forbidden(let field, let message): "\(field): \(message)"
        case .notFound(let what): "\(what) not found"
        }
    }
}

extension JobError {
    /// 422 for a bad value, 409 for a clash, 404 for what isn't there, 403 for what the role may not do.
    public var kind: ErrorKind {
        switch self {
        case .invalid: .invalid
        case .conflict: .conflict
        case .notFound: .notFound
        case .forbidden: .forbidden
        }
    }

    /// The problem, for people: `description`.
    public var message: String { description }
}
