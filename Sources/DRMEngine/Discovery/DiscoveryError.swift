public import DRMCore

/// Why a discovery use case refused.
public enum DiscoveryError: DomainError, Hashable {
    /// `field` holds a value that isn't allowed (a malformed or too large range, a bad port, an empty selection).
    case invalid(field: String, message: String)
    /// The run, device or template isn't there; `what` says which.
    case notFound(String)
    /// The request clashes with the state (cancel an ended run, import an imported device).
    case conflict(field: String?, message: String)

    public var kind: ErrorKind {
        switch self {
        case .invalid: .invalid
        case .notFound: .notFound
        case .conflict: .conflict
        }
    }

    public var field: String? {
        switch self {
        case .invalid(let field, _): field
        case .notFound: nil
        case .conflict(let field, _): field
        }
    }

    public var message: String {
        switch self {
        case .invalid(_, let message), .conflict(_, let message): message
        case .notFound(let what): "\(what) not found"
        }
    }

    /// The error of a field check.
    init(_ error: FieldError) { self = .invalid(field: error.field, message: error.message) }
}
