public import DRMCore
import Foundation

/// Why a target use case refused: the field at fault (as the API spells it, e.g.
/// `communication_methods.0.config.port`) and what is wrong.
public enum TargetError: DomainError, Hashable, CustomStringConvertible {
    /// `field` holds a value that isn't allowed.
    case invalid(field: String, message: String)
    /// Another active target already uses the endpoint `host:port`.
    case endpointTaken(field: String, host: String, port: Int, target: String)
    /// `field` conflicts with the target's state (e.g. un-making the only primary method).
    case conflict(field: String, message: String)
    /// No such target (or method of it); `what` says which.
    case notFound(String)

    /// The field at fault, if one is.
    public var field: String? {
        switch self {
        case .invalid(let field, _), .endpointTaken(let field, _, _, _), .conflict(let field, _): field
        case .notFound: nil
        }
    }

    /// The problem, for people.
    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message)"
        case .endpointTaken(_, let host, let port, let target):
            "\(HostPort.text(host, port)) is already an endpoint of the active target '\(target)'"
        case .conflict(_, let message): message
        case .notFound(let what): "\(what) not found"
        }
    }
}

extension TargetError {
    /// 422 for a bad value, 409 for a clash, 404 for what isn't there.
    public var kind: ErrorKind {
        switch self {
        case .invalid: .invalid
        case .endpointTaken, .conflict: .conflict
        case .notFound: .notFound
        }
    }

    /// The problem, for people; a bad value's message already names its field.
    public var message: String {
        switch self {
        case .invalid(_, let message): message
        default: description
        }
    }

    /// A form shows the field before the problem: `description`.
    public var formMessage: String { description }
}
