public import DRMCore
import Foundation

/// A communication method to create: its type, config (validated by ``CommunicationMethodConfig``) and optional
/// credential.
public struct MethodDraft: Sendable {
    public var methodType: String
    public var config: JSONValue
    public var name: String?
    public var isPrimary: Bool?
    public var isActive: Bool
    public var priority: Int
    public var credential: CredentialInput?
    /// An SSH method's trusted host key (an OpenSSH public-key line), when it is known in advance.
    public var hostKey: String?

    public init(
        methodType: String, config: JSONValue, name: String? = nil, isPrimary: Bool? = nil, isActive: Bool = true,
        priority: Int = 1, credential: CredentialInput? = nil, hostKey: String? = nil
    ) {
        self.methodType = methodType
        self.config = config
        self.name = name
        self.isPrimary = isPrimary
        self.isActive = isActive
        self.priority = priority
        self.credential = credential
        self.hostKey = hostKey
    }
}
