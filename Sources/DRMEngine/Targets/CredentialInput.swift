public import DRMCore
import Foundation

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
