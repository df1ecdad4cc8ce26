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
