public import DRMCore

/// A change to the settings that was refused, naming the key at fault (422).
public struct SettingsError: DomainError, Equatable {
    public var key: String
    public var message: String

    /// Always a value that isn't allowed.
    public var kind: ErrorKind { .invalid }

    /// The setting at fault.
    public var field: String? { key }

    /// A form shows the key before the problem.
    public var formMessage: String { "\(key): \(message)" }
}
