import DRMCore
import DRMRemote
import Foundation
import Testing

@testable import DRMEngine

/// The one way a stored credential becomes a log-in, for connection tests and runs alike.
@Suite struct CredentialLoginTests {
    static let vault = CredentialVault(current: CredentialKey(secretKey: Data(repeating: 5, count: 32)))
    static let otherVault = CredentialVault(current: CredentialKey(secretKey: Data(repeating: 6, count: 32)))

    @Test func aCredentialUnderAnotherKeyIsUnreadableNotAnEmptyPassword() throws {
        let stored = try Self.otherVault.encrypt(CredentialSecret(type: "password", username: "ops", password: "pw"))

        #expect {
            _ = try CredentialLogin.open(stored, vault: Self.vault)
        } throws: { error in
            guard case .unreadable = error as? CredentialLoginError else { return false }
            return (error as? CredentialLoginError)?.description.hasPrefix("the stored credential can't be read")
                == true
        }
    }

    @Test func aMethodWithoutACredentialLogsInAsRootWithoutAPassword() throws {
        let login = try CredentialLogin.open(nil, vault: Self.vault)

        let (username, authentication) = try login.ssh()

        #expect(username == "root")
        guard case .password(let password) = authentication else {
            Issue.record("expected a password log-in")
            return
        }
        #expect(password.isEmpty)
        #expect(login.httpHeaders.isEmpty)
    }

    @Test func aStoredPasswordTokenAndUserAreUsedAsStored() throws {
        let stored = try Self.vault.encrypt(
            CredentialSecret(type: "password", username: "ops", password: "pw", token: "t0k"))

        let login = try CredentialLogin.open(stored, vault: Self.vault)

        let (username, authentication) = try login.ssh()
        #expect(username == "ops")
        guard case .password("pw") = authentication else {
            Issue.record("expected the stored password")
            return
        }
        #expect(login.httpHeaders.map(\.value) == ["Bearer t0k"])
        #expect(login.username == "ops" && login.password == "pw")
    }

    @Test func aMalformedPrivateKeyIsUnusableWithItsReason() throws {
        let stored = try Self.vault.encrypt(
            CredentialSecret(type: "ssh_key", username: "ops", privateKey: "-----BEGIN NONSENSE-----"))
        let login = try CredentialLogin.open(stored, vault: Self.vault)

        #expect {
            _ = try login.ssh()
        } throws: { error in
            (error as? CredentialLoginError)?.description.hasPrefix("the private key can't be used") == true
        }
    }
}
