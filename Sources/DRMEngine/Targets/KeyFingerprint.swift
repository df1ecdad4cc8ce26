import Crypto
import DRMRemote
public import Foundation

/// OpenSSH-style key fingerprints.
public enum KeyFingerprint {
    /// `SHA256:<base64 of the SHA-256 of the key blob, without padding>`, as `ssh-keygen -l` prints it.
    public static func sha256(_ blob: Data) -> String {
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// The fingerprint of an OpenSSH public-key line (`ssh-ed25519 AAAA… comment`); `nil` when it isn't one.
    public static func ofPublicKeyLine(_ line: String) -> String? {
        (try? SSHPublicKey(openSSH: line))?.fingerprint
    }

    /// The fingerprint of the public half of an OpenSSH-format private key (`BEGIN OPENSSH PRIVATE KEY`), which the
    /// file holds unencrypted even when the private half is under a passphrase. `nil` for any other format (PEM keys
    /// need a key parser) or a malformed key.
    public static func ofPrivateKey(_ text: String) -> String? {
        let begin = "-----BEGIN OPENSSH PRIVATE KEY-----"
        let end = "-----END OPENSSH PRIVATE KEY-----"
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex)
        else { return nil }
        let body = text[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: String(body)) else { return nil }
        var bytes = [UInt8](data)[...]
        let magic = Array("openssh-key-v1".utf8) + [0]
        guard bytes.starts(with: magic) else { return nil }
        bytes = bytes.dropFirst(magic.count)
        func string() -> ArraySlice<UInt8>? {
            guard bytes.count >= 4 else { return nil }
            let length = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            bytes = bytes.dropFirst(4)
            guard length <= bytes.count else { return nil }
            defer { bytes = bytes.dropFirst(length) }
            return bytes.prefix(length)
        }
        // cipher name, KDF name, KDF options, then the number of keys and the first public key.
        guard string() != nil, string() != nil, string() != nil, bytes.count >= 4 else { return nil }
        bytes = bytes.dropFirst(4)
        guard let blob = string(), !blob.isEmpty else { return nil }
        return sha256(Data(blob))
    }
}
