public import DRMCore

/// Why a stored credential can't be used (``CredentialLogin``). Messages never hold secret material.
public enum CredentialLoginError: DomainError, Equatable, CustomStringConvertible {
    /// The stored value doesn't decrypt under the configured key (or isn't a credential).
    case unreadable(String)
    /// The private key doesn't parse (format, type or passphrase).
    case unusableKey(String)

    public var description: String {
        switch self {
        case .unreadable(let reason): "the stored credential can't be read: \(reason)"
        case .unusableKey(let reason): "the private key can't be used: \(reason)"
        }
    }

    /// The stored credential is there but can't be used: a conflict with the resource's state.
    public var kind: ErrorKind { .conflict }

    public var field: String? { nil }

    public var message: String {
        switch self {
        case .unreadable: "the stored credential can't be read under the configured secret key"
        case .unusableKey: description
        }
    }

    public var debugDetail: String? { description }
}
