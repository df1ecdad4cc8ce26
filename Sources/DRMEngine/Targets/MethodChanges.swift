public import DRMCore
import Foundation

/// The fields of a communication method to change; `nil` leaves a field as it is. A new `config` replaces the old
/// one whole; a new `credential` replaces the old one; `removeCredential` drops it.
public struct MethodChanges: Sendable {
    public var config: JSONValue?
    public var name: String?
    public var isPrimary: Bool?
    public var isActive: Bool?
    public var priority: Int?
    public var credential: CredentialInput?
    public var removeCredential: Bool

    public init(
        config: JSONValue? = nil, name: String? = nil, isPrimary: Bool? = nil, isActive: Bool? = nil,
        priority: Int? = nil, credential: CredentialInput? = nil, removeCredential: Bool = false
    ) {
        self.config = config
        self.name = name
        self.isPrimary = isPrimary
        self.isActive = isActive
        self.priority = priority
        self.credential = credential
        self.removeCredential = removeCredential
    }
}
