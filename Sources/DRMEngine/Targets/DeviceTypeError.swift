public import DRMCore

/// Why a change to the device-type catalog or its templates was refused; `field` names the part at fault.
public enum DeviceTypeError: DomainError, Equatable {
    case invalid(field: String, message: String)
    case conflict(field: String, message: String)
    case notFound

    /// 422 for a bad value, 409 for a clash, 404 for what isn't there.
    public var kind: ErrorKind {
        switch self {
        case .invalid: .invalid
        case .conflict: .conflict
        case .notFound: .notFound
        }
    }

    /// The part at fault, when one is.
    public var field: String? {
        switch self {
        case .invalid(let field, _), .conflict(let field, _): field
        case .notFound: nil
        }
    }

    /// The problem, for people.
    public var message: String {
        switch self {
        case .invalid(_, let message), .conflict(_, let message): message
        case .notFound: "device type not found"
        }
    }

    /// A form shows the part at fault before the problem.
    public var formMessage: String { "\(field ?? "form"): \(message)" }
}
