import DRMCore
import DRMEngine
import Foundation
import Testing

@Suite struct CredentialVaultTests {
    let oldKey = CredentialKey(secretKey: Data(repeating: 1, count: 32))
    let newKey = CredentialKey(secretKey: Data(repeating: 2, count: 32))
    let secret = CredentialSecret(
        type: "ssh_key", username: "deploy", privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END",
        passphrase: "correct horse")

    @Test func roundTripsAndNamesTheKey() throws {
        let vault = CredentialVault(current: oldKey)
        let stored = try vault.encrypt(secret)
        #expect(stored.hasPrefix("v1:\(oldKey.id):"))
        #expect(oldKey.id.count == 8 && oldKey.id.allSatisfy(\.isHexDigit))
        #expect(oldKey.id != newKey.id)
        #expect(try vault.decrypt(stored) == secret)
        #expect(!stored.contains("deploy") && !stored.contains("correct"))
    }

    /// Made with Python's `cryptography` (HKDF-SHA256 without salt, AES-GCM, nonce 00…0b), so the derivation and the
    /// format can't drift without a test failing: values already stored would become unreadable.
    @Test func readsAValueMadeElsewhereFromTheSameSecretKey() throws {
        #expect(oldKey.id == "08f58db5")
        let stored =
            "v1:08f58db5:AAECAwQFBgcICQoL4+XrKK3rRi3cMvuq7CPXSzQlJHtACrUJXv+D8ixXamrtGC9To/L+v0+IZ/NLQMbkeCw6ThOPZTKlYSRWs7rKYd9371XWumE2Fz36w5At"
        #expect(
            try CredentialVault(current: oldKey).decrypt(stored)
                == CredentialSecret(type: "password", username: "ops", password: "fixture-pass"))
    }

    @Test func everyValueGetsItsOwnNonce() throws {
        let vault = CredentialVault(current: oldKey)
        let values = try (0..<50).map { _ in try vault.encrypt(secret) }
        #expect(Set(values).count == 50)
        let nonces = values.map { Data(base64Encoded: String($0.split(separator: ":")[2]))!.prefix(12) }
        #expect(Set(nonces).count == 50)
    }

    @Test func anyAlteredByteFailsAuthentication() throws {
        let vault = CredentialVault(current: oldKey)
        let stored = try vault.encrypt(secret)
        let prefix = "v1:\(oldKey.id):"
        let body = Data(base64Encoded: String(stored.dropFirst(prefix.count)))!
        for index in [0, 11, 12, body.count / 2, body.count - 1] {
            var altered = body
            altered[index] ^= 0x01
            #expect(throws: CredentialVaultError.authenticationFailed(keyID: oldKey.id)) {
                try vault.decrypt(prefix + altered.base64EncodedString())
            }
        }
    }

    @Test func theHeaderIsAuthenticatedToo() throws {
        // The same value relabelled with another key id that the keyring has: GCM must refuse it.
        let vault = CredentialVault(current: oldKey, previous: [newKey])
        let stored = try vault.encrypt(secret)
        let relabelled = stored.replacingOccurrences(of: "v1:\(oldKey.id):", with: "v1:\(newKey.id):")
        #expect(throws: CredentialVaultError.authenticationFailed(keyID: newKey.id)) { try vault.decrypt(relabelled) }
    }

    @Test func anUnknownKeyIDIsNamed() throws {
        let stored = try CredentialVault(current: newKey).encrypt(secret)
        #expect(throws: CredentialVaultError.unknownKeyID(newKey.id)) {
            try CredentialVault(current: oldKey).decrypt(stored)
        }
    }

    @Test(arguments: [
        "", "v1:abc", "v2:12345678:AAAA", "v1:\(CredentialKey(secretKey: Data(count: 32)).id):!!!", "plain",
    ])
    func malformedValuesAreRefused(stored: String) {
        let vault = CredentialVault(current: CredentialKey(secretKey: Data(count: 32)))
        #expect(throws: CredentialVaultError.malformed) { try vault.decrypt(stored) }
    }

    @Test func rotationReencryptsUnderTheNewKey() throws {
        let before = try CredentialVault(current: oldKey).encrypt(secret)
        let rotating = CredentialVault(current: newKey, previous: [oldKey])
        #expect(rotating.needsReencryption(before))

        let after = try rotating.reencrypt(before, to: newKey)

        #expect(CredentialVault.keyID(of: after) == newKey.id)
        #expect(!rotating.needsReencryption(after))
        #expect(try CredentialVault(current: newKey).decrypt(after) == secret)
        #expect(throws: CredentialVaultError.unknownKeyID(newKey.id)) {
            try CredentialVault(current: oldKey).decrypt(after)
        }
    }

    @Test func errorMessagesCarryNoSecretMaterial() throws {
        let stored = try CredentialVault(current: oldKey).encrypt(secret)
        var altered = Array(stored)
        // A character in the middle: near the end, base64 padding bits may be ignored on decoding.
        let middle = altered.count - 20
        altered[middle] = altered[middle] == "A" ? "B" : "A"
        let errors: [CredentialVaultError] = [
            .malformed, .unknownKeyID(oldKey.id), .authenticationFailed(keyID: oldKey.id), .legacyKeyMissing,
            .legacyTokenRejected, .undecodablePayload,
        ]
        for error in errors {
            let text = "\(error) \(String(reflecting: error))"
            #expect(!text.contains("deploy") && !text.contains("correct horse") && !text.contains(stored))
        }
        do {
            _ = try CredentialVault(current: oldKey).decrypt(String(altered))
            Issue.record("decrypted an altered value")
        } catch {
            #expect(!"\(error)".contains(String(altered)))
        }
    }
}

@Suite struct CredentialSecretTests {
    let secret = CredentialSecret(
        type: "password", username: "admin", password: "hunter2-very-secret", additional: ["extra": "kept-value"])

    @Test func printingNeverShowsValues() {
        var dumped = ""
        dump(secret, to: &dumped)
        let printed = [
            "\(secret)", String(describing: secret), String(reflecting: secret), dumped, "\([secret])",
            "\(Optional(secret) as Any)",
        ]
        for text in printed {
            #expect(!text.contains("hunter2") && !text.contains("admin") && !text.contains("kept-value"), "\(text)")
        }
        #expect(
            secret.description == "CredentialSecret(type: password, set: username, password, extra; values redacted)")
    }

    @Test func flagsSayWhatIsSet() {
        #expect(secret.hasPassword && !secret.hasPrivateKey && !secret.hasPassphrase && !secret.hasToken)
        #expect(!CredentialSecret(type: "password", password: "").hasPassword)
        #expect(CredentialSecret(type: "api_token", token: "t").hasToken)
    }

    @Test func unknownKeysSurviveTheJSONRoundTrip() throws {
        let json = Data(#"{"type":"snmp_community","password":"public","snmp_version":"2c","retries":3}"#.utf8)
        let decoded = try JSONDecoder().decode(CredentialSecret.self, from: json)
        #expect(decoded.additional == ["snmp_version": "2c", "retries": 3])
        let again = try JSONDecoder().decode(CredentialSecret.self, from: JSONEncoder().encode(decoded))
        #expect(again == decoded)
    }
}

@Suite struct FernetLegacyTests {
    @Test(arguments: [FernetFixtures.longKey, FernetFixtures.shortKey])
    func readsTheOriginalsCredentials(fixture: FernetFixtures.Fixture) throws {
        let legacy = FernetLegacy(originalSecretKey: fixture.secretKey)
        #expect(try legacy.decrypt(stored: fixture.stored) == Data(fixture.payload.utf8))
    }

    @Test func theVaultReadsAndRotatesOriginalValues() throws {
        let fixture = FernetFixtures.longKey
        let key = CredentialKey(secretKey: Data(repeating: 7, count: 32))
        let vault = CredentialVault(current: key, legacy: FernetLegacy(originalSecretKey: fixture.secretKey))

        let secret = try vault.decrypt(fixture.stored)
        #expect(secret.type == "ssh_key" && secret.username == "deploy" && secret.passphrase == "p@ss phrase")
        #expect(secret.privateKey?.hasPrefix("-----BEGIN OPENSSH PRIVATE KEY-----\n") == true)
        #expect(secret.additional == ["port_hint": 22])
        #expect(vault.needsReencryption(fixture.stored))

        let rotated = try vault.reencrypt(fixture.stored, to: key)
        #expect(CredentialVault.keyID(of: rotated) == key.id)
        #expect(try CredentialVault(current: key).decrypt(rotated) == secret)
    }

    @Test func theWrongKeyOrAnAlteredTokenIsRefused() throws {
        let fixture = FernetFixtures.shortKey
        #expect(throws: FernetError.badSignature) {
            try FernetLegacy(originalSecretKey: "another-key").decrypt(stored: fixture.stored)
        }
        // Only the first 32 bytes of the secret key count, and padding is with '0'.
        #expect(throws: FernetError.badSignature) {
            try FernetLegacy(originalSecretKey: "short-key1").decrypt(stored: fixture.stored)
        }
        let long = FernetFixtures.longKey
        _ = try FernetLegacy(originalSecretKey: String(long.secretKey.prefix(32)) + "anything").decrypt(
            stored: long.stored)

        func fromURLSafe(_ text: String) -> Data {
            var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            return Data(base64Encoded: base64)!
        }
        var tokenBytes = fromURLSafe(String(decoding: fromURLSafe(fixture.stored), as: UTF8.self))
        tokenBytes[30] ^= 0x01
        let altered = tokenBytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        #expect(throws: FernetError.badSignature) {
            try FernetLegacy(originalSecretKey: fixture.secretKey).decrypt(token: altered)
        }
        #expect(throws: FernetError.malformed) {
            try FernetLegacy(originalSecretKey: fixture.secretKey).decrypt(token: "gAAAAA")
        }
    }

    @Test func originalValuesWithoutTheOriginalsKeyAreNamedAsSuch() {
        let vault = CredentialVault(current: CredentialKey(secretKey: Data(count: 32)))
        #expect(throws: CredentialVaultError.legacyKeyMissing) { try vault.decrypt(FernetFixtures.shortKey.stored) }
        let wrong = CredentialVault(
            current: CredentialKey(secretKey: Data(count: 32)), legacy: FernetLegacy(originalSecretKey: "nope"))
        #expect(throws: CredentialVaultError.legacyTokenRejected) { try wrong.decrypt(FernetFixtures.shortKey.stored) }
    }
}
