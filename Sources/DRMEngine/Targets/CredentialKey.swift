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
