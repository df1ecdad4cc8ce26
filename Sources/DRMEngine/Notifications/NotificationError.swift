public import DRMCore

/// Why a notification use case refused.
public enum NotificationError: DomainError, Hashable {
    case notFound(String)
    case invalid(field: String, message: String)
    case conflict(field: String?, message: String)

    public var kind: ErrorKind {
        switch self {
        case .notFound: .notFound
        case .invalid: .invalid
        case .conflict: .conflict
        }
    }

    public var field: String? {
        switch self {
        case .notFound: nil
        case .invalid(let field, _): field
        case .conflict(let field, _): field
        }
    }

    public var message: String {
        switch self {
        case .notFound(let what): "\(what) not found"
        case .invalid(let field, let message): "\(field) \(message)"
        case .conflict(_, let message): message
        }
    }
}
