/// Why a key could not be used. Messages name the algorithm or the format, never key material or a passphrase.
public enum SSHKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not an `-----BEGIN OPENSSH PRIVATE KEY-----` file (PEM "RSA PRIVATE KEY" or PKCS#8 files land here too).
    case notOpenSSHFormat
    /// The file is an OpenSSH key but its structure is broken.
    case malformed(String)
    /// The algorithm exists but this client can't authenticate with it (RSA: swift-nio-ssh can't sign with RSA).
    case unsupportedAlgorithm(String)
    /// The key is encrypted with a cipher or KDF this parser doesn't implement.
    case encryptedKeyUnsupported(cipher: String, kdf: String)
    /// The key is encrypted and no passphrase was given.
    case passphraseRequired
    /// The passphrase does not decrypt the key.
    case wrongPassphrase

    public var description: String {
        switch self {
        case .notOpenSSHFormat:
            "not an OpenSSH private key (expected -----BEGIN OPENSSH PRIVATE KEY-----; convert with ssh-keygen -p)"
        case .malformed(let reason): "malformed OpenSSH private key: \(reason)"
        case .unsupportedAlgorithm(let algorithm) where algorithm.hasPrefix("ssh-rsa") || algorithm.hasPrefix("rsa"):
            "RSA keys (\(algorithm)) are not supported: swift-nio-ssh cannot sign with RSA as a client; "
                + "use an ed25519 or ECDSA key"
        case .unsupportedAlgorithm(let algorithm): "unsupported key algorithm \(algorithm)"
        case .encryptedKeyUnsupported(let cipher, let kdf):
            "encrypted private keys with cipher \(cipher) and KDF \(kdf) are not supported (aes256-ctr/bcrypt are)"
        case .passphraseRequired: "the private key is encrypted and no passphrase was given"
        case .wrongPassphrase: "the passphrase does not decrypt the private key"
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends an SSH `string` (length-prefixed bytes).
    mutating func appendSSHString(_ value: [UInt8]) {
        let count = UInt32(value.count)
        append(contentsOf: [
            UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF),
            UInt8(count & 0xFF),
        ])
        append(contentsOf: value)
    }
}
