import Crypto
public import Foundation

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
