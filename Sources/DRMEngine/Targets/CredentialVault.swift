import Crypto
public import Foundation

/// A key for credential encryption, derived by HKDF-SHA256 from the app's secret key for this purpose only, and a short
/// public id of it (the first 8 hex digits of the SHA-256 of the derived key) that stored values name.
public struct CredentialKey: Sendable {
    /// The key's id, e.g. `3fa1c2d9`; not secret.
    public let id: String
    let key: SymmetricKey

    /// The credential key derived from the 32-byte secret key.
    public init(secretKey: Data) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secretKey), info: Data("enabledrm credentials v1".utf8),
            outputByteCount: 32)
        id = key.withUnsafeBytes { bytes in
            SHA256.hash(data: Data(bytes)).prefix(4).map { String(format: "%02x", $0) }.joined()
        }
    }
}

/// Why stored credentials can't be read. Messages name key ids and formats only, never secret material.
public enum CredentialVaultError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is neither `v1:<key id>:<base64>` nor a token of the original.
    case malformed
    /// The value was encrypted under a key that isn't in the keyring.
    case unknownKeyID(String)
    /// Authentication failed: the value was altered, or the key with that id is not the one it was made with.
    case authenticationFailed(keyID: String)
    /// A token of the original, but the keyring has no key of the original.
    case legacyKeyMissing
    /// The original's token didn't verify or decrypt.
    case legacyTokenRejected
    /// The decrypted payload is not a credential JSON object.
    case undecodablePayload

    /// The error, for operators.
    public var description: String {
        switch self {
        case .malformed: "stored credentials are in no known format"
        case .unknownKeyID(let id):
            "stored credentials are encrypted under key \(id), which is not in the keyring; add the secret key they were made with"
        case .authenticationFailed(let id):
            "stored credentials under key \(id) failed authentication: they were altered or the key is wrong"
        case .legacyKeyMissing:
            "stored credentials are the original's (Fernet); configure the original's secret key to read them"
        case .legacyTokenRejected: "stored credentials of the original failed verification under the original's key"
        case .undecodablePayload: "decrypted credentials are not a credential object"
        }
    }
}

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
