public import DRMCore
import Foundation

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
