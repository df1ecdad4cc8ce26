public import DRMRemote
public import Foundation

/// A method's stored credential made ready to log in with: the one way connection tests and runs turn what is in
/// `target_credentials` into SSH, HTTP, SMTP, PostgreSQL and WinRM authentication, so both fail alike.
///
/// A credential that can't be decrypted is a ``CredentialLoginError`` naming why — never an empty secret, which would log in
/// as `root` with an empty password.
public struct CredentialLogin: Sendable {
    /// The decrypted secret; without a stored credential, one with no field set.
    public let secret: CredentialSecret

    public init(secret: CredentialSecret) {
        self.secret = secret
    }

    /// Decrypts `stored` with `vault`; `nil` (the method has no credential) logs in without one.
    public static func open(_ stored: String?, vault: CredentialVault) throws(CredentialLoginError) -> CredentialLogin {
        guard let stored else { return CredentialLogin(secret: CredentialSecret(type: "none")) }
        do {
            return CredentialLogin(secret: try vault.decrypt(stored))
        } catch {
            throw .unreadable(String(describing: error))
        }
    }

    /// The SSH user (`root` when none is stored) and its authentication: the private key when there is one, else
    /// the password. `parse` reads a key (runs pass a cache, as many targets share one key).
    public func ssh(
        parse: (_ key: String, _ passphrase: String?) throws -> SSHPrivateKey = {
            try SSHPrivateKey(openSSH: $0, passphrase: $1)
        }
    ) throws(CredentialLoginError) -> (username: String, authentication: SSHAuthentication) {
        let username = secret.username ?? "root"
        guard let key = secret.privateKey, !key.isEmpty else {
            return (username, .password(secret.password ?? ""))
        }
        do {
            return (username, .privateKey(try parse(key, secret.passphrase)))
        } catch {
            throw .unusableKey(String(describing: error))
        }
    }

    /// The HTTP headers that authenticate a request (a bearer token, when one is stored).
    public var httpHeaders: [(name: String, value: String)] {
        guard let token = secret.token, !token.isEmpty else { return [] }
        return [(name: "Authorization", value: "Bearer \(token)")]
    }

    /// The secret values of the credential (password, passphrase, token), to mask wherever a run's output could
    /// repeat them. Values under 4 characters are left out: masking them would garble ordinary output.
    public var secretValues: [String] {
        [secret.password, secret.passphrase, secret.token].compactMap { $0 }.filter { $0.count >= 4 }
    }

    /// The user name and password of a password log-in (SMTP AUTH, PostgreSQL, WinRM), as stored.
    public var username: String? { secret.username }
    public var password: String? { secret.password }
}
