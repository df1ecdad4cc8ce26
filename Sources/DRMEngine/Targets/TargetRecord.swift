public import DRMCore
public import DRMStore
import Foundation

/// What may be shown of a stored credential: its type and user name and which secret fields it holds, never their
/// values.
public struct CredentialSummary: Sendable, Hashable {
    public var type: String
    public var username: String?
    public var hasPassword: Bool
    public var hasPrivateKey: Bool
    public var hasPassphrase: Bool
    public var hasToken: Bool
    public var hasCertificate: Bool
    /// The `SHA256:` fingerprint of the private key's public half, when it is in OpenSSH format.
    public var keyFingerprint: String?
    /// Whether the stored value could be decrypted with the configured keys (else the flags are all false).
    public var readable: Bool

    init(type: String, secret: CredentialSecret?) {
        self.type = type
        username = secret?.username
        hasPassword = secret?.hasPassword ?? false
        hasPrivateKey = secret?.hasPrivateKey ?? false
        hasPassphrase = secret?.hasPassphrase ?? false
        hasToken = secret?.hasToken ?? false
        hasCertificate = secret?.additional["certificate"] != nil
        keyFingerprint = secret?.privateKey.flatMap(KeyFingerprint.ofPrivateKey)
        readable = secret != nil
    }
}

/// A communication method as the use cases return it: the row, its decoded config and its credential's summary.
public struct MethodRecord: @unchecked Sendable {
    public var method: CommunicationMethod
    public var credential: CredentialSummary?

    /// The method's host (from its config), or `nil` when the stored config has none.
    public var host: String? {
        if case .string(let host)? = method.config["host"] { return host }
        return nil
    }

    /// The method's port (from its config; for an API, that of its base URL).
    public var port: Int? {
        guard let config = try? CommunicationMethodConfig.decode(methodType: method.methodType, config: method.config)
        else { return nil }
        return HostPort(config).port
    }
}

/// A target with its communication methods (primary first, then by priority and id).
public struct TargetRecord: @unchecked Sendable {
    public var target: Target
    public var methods: [MethodRecord]

    /// The primary method, if any.
    public var primary: MethodRecord? { methods.first { $0.method.isPrimary } ?? methods.first }

    /// The target's tags.
    public var tags: [String] {
        guard case .array(let items) = target.tags else { return [] }
        return items.compactMap { if case .string(let tag) = $0 { tag } else { nil } }
    }

    /// The facts a ``TargetFilter`` is evaluated against.
    public var subject: TargetFilter.Subject {
        TargetFilter.Subject(
            name: target.name, hosts: methods.compactMap(\.host), tags: tags, osType: target.osType,
            environment: target.environment, status: target.status, targetType: target.targetType,
            deviceType: target.deviceType, serial: target.targetSerial)
    }
}
