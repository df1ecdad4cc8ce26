public import DRMCore

/// Why a schedule use case refused.
public enum ScheduleError: DomainError, Hashable {
    case notFound(String)
    case conflict(field: String?, message: String)

    public var kind: ErrorKind {
        switch self {
        case .notFound: .notFound
        case .conflict: .conflict
        }
    }

    public var field: String? {
        switch self {
        case .notFound: nil
        case .conflict(let field, _): field
        }
    }

    public var message: String {
        switch self {
        case .notFound(let what): "\(what) not found"
        case .conflict(_, let message): message
        }
    }
}
