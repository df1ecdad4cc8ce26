public import DRMCore
import Foundation

/// What kind of thing a target is (`universal_targets.target_type`).
public enum TargetType: String, Sendable, Hashable, CaseIterable, Codable {
    case system, api, database, email, web, communication
}

/// Where a target sits in the release chain (`universal_targets.environment`).
public enum TargetEnvironment: String, Sendable, Hashable, CaseIterable, Codable {
    case production, staging, development, testing
}

/// Whether a target is in service (`universal_targets.status`).
public enum TargetStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case active, inactive, maintenance
}

/// The kinds of credential a communication method can carry, and the field each one needs.
public enum CredentialType: String, Sendable, Hashable, CaseIterable, Codable {
    /// `password` (with a user name).
    case password
    /// `private_key` (OpenSSH or PEM), optionally with a `passphrase`.
    case sshKey = "ssh_key"
    /// A bearer `token`.
    case apiToken = "api_token"
    /// A client `certificate` (PEM), optionally with its `private_key` and `passphrase`.
    case certificate
}

/// A credential to store with a communication method. Its secret fields are encrypted before they reach the database
/// and never come back from the API.
public struct CredentialInput: Sendable, Hashable {
    public var type: CredentialType
    public var username: String?
    public var password: String?
    public var privateKey: String?
    public var passphrase: String?
    public var token: String?
    public var certificate: String?

    public init(
        type: CredentialType, username: String? = nil, password: String? = nil, privateKey: String? = nil,
        passphrase: String? = nil, token: String? = nil, certificate: String? = nil
    ) {
        self.type = type
        self.username = username
        self.password = password
        self.privateKey = privateKey
        self.passphrase = passphrase
        self.token = token
        self.certificate = certificate
    }

    /// The secret to encrypt: empty fields left out, the certificate kept as an extra key.
    var secret: CredentialSecret {
        func nonEmpty(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }
        var additional: [String: JSONValue] = [:]
        if let certificate = nonEmpty(certificate) { additional["certificate"] = .string(certificate) }
        return CredentialSecret(
            type: type.rawValue, username: nonEmpty(username), password: nonEmpty(password),
            privateKey: nonEmpty(privateKey), passphrase: nonEmpty(passphrase), token: nonEmpty(token),
            additional: additional)
    }
}

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

/// A target to create, with at least one communication method.
public struct TargetDraft: Sendable {
    public var name: String
    public var targetType: TargetType
    public var osType: String
    public var environment: TargetEnvironment
    public var status: TargetStatus
    public var isActive: Bool
    public var description: String?
    public var location: String?
    public var dataCenter: String?
    public var region: String?
    public var deviceType: String?
    public var tags: [String]
    public var methods: [MethodDraft]

    public init(
        name: String, targetType: TargetType = .system, osType: String = "linux",
        environment: TargetEnvironment = .development, status: TargetStatus = .active, isActive: Bool = true,
        description: String? = nil, location: String? = nil, dataCenter: String? = nil, region: String? = nil,
        deviceType: String? = nil, tags: [String] = [], methods: [MethodDraft]
    ) {
        self.name = name
        self.targetType = targetType
        self.osType = osType
        self.environment = environment
        self.status = status
        self.isActive = isActive
        self.description = description
        self.location = location
        self.dataCenter = dataCenter
        self.region = region
        self.deviceType = deviceType
        self.tags = tags
        self.methods = methods
    }
}

/// The fields of a target to change; `nil` leaves a field as it is.
public struct TargetChanges: Sendable {
    public var name: String?
    public var targetType: TargetType?
    public var osType: String?
    public var environment: TargetEnvironment?
    public var status: TargetStatus?
    public var isActive: Bool?
    public var description: String?
    public var location: String?
    public var dataCenter: String?
    public var region: String?
    public var deviceType: String?
    public var tags: [String]?

    public init(
        name: String? = nil, targetType: TargetType? = nil, osType: String? = nil,
        environment: TargetEnvironment? = nil, status: TargetStatus? = nil, isActive: Bool? = nil,
        description: String? = nil, location: String? = nil, dataCenter: String? = nil, region: String? = nil,
        deviceType: String? = nil, tags: [String]? = nil
    ) {
        self.name = name
        self.targetType = targetType
        self.osType = osType
        self.environment = environment
        self.status = status
        self.isActive = isActive
        self.description = description
        self.location = location
        self.dataCenter = dataCenter
        self.region = region
        self.deviceType = deviceType
        self.tags = tags
    }
}

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
