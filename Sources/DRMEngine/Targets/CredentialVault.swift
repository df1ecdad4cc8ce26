import Crypto
public import Foundation

/// Encrypts credential secrets for `target_credentials.encrypted_credentials` and reads them back.
///
/// Stored form `v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>`: AES-256-GCM with a random 96-bit nonce per value,
/// the `v1:<key id>` prefix authenticated too. Values are read with whichever key of the keyring (the current one,
/// older ones, and optionally the original's Fernet key) they name, so `secrets rotate-key` can re-encrypt everything
/// under a new key with ``reencrypt(_:to:)``.
public struct CredentialVault: Sendable {
    /// The key new values are encrypted under.
    public let current: CredentialKey
    /// Keys older values may still be under.
    public let previous: [CredentialKey]
    /// The original's key, for values it wrote; `nil` when there are none to read.
    public let legacy: FernetLegacy?

    static let scheme = "v1"

    /// A vault encrypting under `current` and reading values under it, `previous` or `legacy`.
    public init(current: CredentialKey, previous: [CredentialKey] = [], legacy: FernetLegacy? = nil) {
        self.current = current
        self.previous = previous
        self.legacy = legacy
    }

    /// `secret` encrypted under the current key.
    public func encrypt(_ secret: CredentialSecret) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try Self.seal(encoder.encode(secret), under: current)
    }

    /// The secret in `stored`, whichever key of the keyring it is under.
    public func decrypt(_ stored: String) throws(CredentialVaultError) -> CredentialSecret {
        let plaintext = try open(stored)
        guard let secret = try? JSONDecoder().decode(CredentialSecret.self, from: plaintext) else {
            throw .undecodablePayload
        }
        return secret
    }

    /// `stored` decrypted with the keyring and encrypted again under `newKey`, payload unchanged byte for byte.
    public func reencrypt(_ stored: String, to newKey: CredentialKey) throws -> String {
        let plaintext = try open(stored)
        guard (try? JSONDecoder().decode(CredentialSecret.self, from: plaintext)) != nil else {
            throw CredentialVaultError.undecodablePayload
        }
        return try Self.seal(plaintext, under: newKey)
    }

    /// Whether `stored` is under anything but the current key (including the original's scheme).
    public func needsReencryption(_ stored: String) -> Bool { Self.keyID(of: stored) != current.id }

    /// The key id that a `v1` value names; `nil` for any other text.
    public static func keyID(of stored: String) -> String? {
        let parts = stored.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == scheme else { return nil }
        return String(parts[1])
    }

    func open(_ stored: String) throws(CredentialVaultError) -> Data {
        let parts = stored.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Self.scheme else { return try openLegacy(stored) }
        let keyID = String(parts[1])
        guard let key = ([current] + previous).first(where: { $0.id == keyID }) else { throw .unknownKeyID(keyID) }
        guard let combined = Data(base64Encoded: String(parts[2])), let box = try? AES.GCM.SealedBox(combined: combined)
        else { throw .malformed }
        guard let plaintext = try? AES.GCM.open(box, using: key.key, authenticating: Self.header(keyID)) else {
            throw .authenticationFailed(keyID: keyID)
        }
        return plaintext
    }

    func openLegacy(_ stored: String) throws(CredentialVaultError) -> Data {
        // The original's values are base64 of a Fernet token, which always starts with `gAAAAA` (version 0x80).
        guard stored.hasPrefix("Z0FBQUFB") else { throw .malformed }
        guard let legacy else { throw .legacyKeyMissing }
        do {
            return try legacy.decrypt(stored: stored)
        } catch {
            throw .legacyTokenRejected
        }
    }

    static func header(_ keyID: String) -> Data { Data("\(scheme):\(keyID)".utf8) }

    static func seal(_ plaintext: Data, under key: CredentialKey) throws -> String {
        let box = try AES.GCM.seal(plaintext, using: key.key, nonce: AES.GCM.Nonce(), authenticating: header(key.id))
        // A 12-byte nonce always gives a combined representation.
        return "\(scheme):\(key.id):\(box.combined!.base64EncodedString())"
    }
}
