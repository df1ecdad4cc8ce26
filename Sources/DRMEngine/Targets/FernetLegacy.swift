import Crypto
public import Foundation
import _CryptoExtras

/// Reads credentials the original wrote: `encrypted_credentials` = urlsafe-base64(Fernet token), under the Fernet key
/// made of the first 32 bytes of the original's SECRET_KEY right-padded with ASCII `0` (domain.md §3).
///
/// Fernet: `0x80 ‖ timestamp (8) ‖ IV (16) ‖ AES-128-CBC ciphertext (PKCS#7) ‖ HMAC-SHA256 (32)` over everything before
/// the HMAC, with the key's first half signing and its second half encrypting. Reading only: new values use
/// ``CredentialVault``. Token age is not checked, as stored credentials don't expire.
public struct FernetLegacy: Sendable {
    let signingKey: SymmetricKey
    let encryptionKey: SymmetricKey

    /// The key from 32 raw bytes: signing key then encryption key.
    public init?(keyBytes: Data) {
        guard keyBytes.count == 32 else { return nil }
        signingKey = SymmetricKey(data: keyBytes.prefix(16))
        encryptionKey = SymmetricKey(data: keyBytes.suffix(16))
    }

    /// The key the original derived from its SECRET_KEY: the first 32 bytes of its UTF-8, right-padded with `0`.
    public init(originalSecretKey: String) {
        var bytes = Array(originalSecretKey.utf8.prefix(32))
        bytes += Array(repeating: UInt8(ascii: "0"), count: 32 - bytes.count)
        self.init(keyBytes: Data(bytes))!
    }

    /// The plaintext of a stored value: urlsafe base64 of a Fernet token.
    public func decrypt(stored: String) throws(FernetError) -> Data {
        guard let token = Self.decodeURLSafeBase64(stored), let text = String(data: token, encoding: .ascii) else {
            throw .malformed
        }
        return try decrypt(token: text)
    }

    /// The plaintext of a Fernet token (urlsafe base64 text).
    public func decrypt(token: String) throws(FernetError) -> Data {
        guard let bytes = Self.decodeURLSafeBase64(token), bytes.count >= 1 + 8 + 16 + 16 + 32, bytes.first == 0x80
        else { throw .malformed }
        let signed = bytes.prefix(bytes.count - 32)
        let mac = bytes.suffix(32)
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: signingKey) else {
            throw .badSignature
        }
        let ciphertext = signed.dropFirst(1 + 8 + 16)
        guard ciphertext.count % 16 == 0,
            let iv = try? AES._CBC.IV(ivBytes: signed.dropFirst(1 + 8).prefix(16)),
            let plaintext = try? AES._CBC.decrypt(ciphertext, using: encryptionKey, iv: iv)
        else { throw .undecryptable }
        return plaintext
    }

    static func decodeURLSafeBase64(_ text: String) -> Data? {
        var base64 = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
