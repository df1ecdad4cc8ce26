import Crypto
import Foundation
import NIOSSH
import _CryptoExtras

/// A private key for SSH public-key authentication, read from an OpenSSH `openssh-key-v1` file.
///
/// Supported: ed25519 and ECDSA (nistp256, nistp384, nistp521), unencrypted or encrypted with a passphrase
/// (bcrypt KDF with aes256-ctr, ssh-keygen's default). RSA is rejected: swift-nio-ssh can't sign with RSA as a client.
public struct SSHPrivateKey: Sendable {
    /// `ssh-ed25519`, `ecdsa-sha2-nistp256`, …
    public let algorithm: String
    /// The comment stored with the key (often `user@host`).
    public let comment: String
    public let publicKey: SSHPublicKey
    let nioKey: NIOSSHPrivateKey

    static let magic = Array("openssh-key-v1\0".utf8)

    /// Parses an OpenSSH private key file's text. `passphrase` is needed only for encrypted keys.
    public init(openSSH pem: String, passphrase: String? = nil) throws {
        let body = try Self.decodePEM(pem)
        var reader = SSHWireReader(body)
        guard try reader.readBytes(Self.magic.count) == Self.magic else { throw SSHKeyError.notOpenSSHFormat }
        let cipher = try reader.readText()
        let kdf = try reader.readText()
        let kdfOptions = try reader.readString()
        guard try reader.readUInt32() == 1 else { throw SSHKeyError.malformed("expected exactly one key") }
        let publicBlob = try reader.readString()
        var section = try reader.readString()
        let publicKey = try SSHPublicKey(blob: Data(publicBlob))

        if cipher != "none" {
            section = try Self.decrypt(
                section, cipher: cipher, kdf: kdf, kdfOptions: kdfOptions, passphrase: passphrase)
        }
        var secret = SSHWireReader(section)
        let check1 = try secret.readUInt32()
        let check2 = try secret.readUInt32()
        guard check1 == check2 else {
            throw cipher == "none" ? SSHKeyError.malformed("check values differ") : SSHKeyError.wrongPassphrase
        }
        let algorithm = try secret.readText()
        guard algorithm == publicKey.algorithm else {
            throw SSHKeyError.malformed("public key is \(publicKey.algorithm), private key is \(algorithm)")
        }
        self.nioKey = try Self.readKey(algorithm: algorithm, from: &secret)
        self.comment = try secret.readText()
        self.algorithm = algorithm
        self.publicKey = publicKey
        guard SSHPublicKey(nioKey.publicKey).blob == publicKey.blob else {
            throw SSHKeyError.malformed("the private key does not match its public key")
        }
    }

    /// Reads a key file from disk.
    public init(contentsOfFile path: String, passphrase: String? = nil) throws {
        try self.init(openSSH: try String(contentsOfFile: path, encoding: .utf8), passphrase: passphrase)
    }

    static func decodePEM(_ pem: String) throws -> [UInt8] {
        let begin = "-----BEGIN OPENSSH PRIVATE KEY-----"
        let end = "-----END OPENSSH PRIVATE KEY-----"
        guard let start = pem.range(of: begin), let stop = pem.range(of: end, range: start.upperBound..<pem.endIndex)
        else { throw SSHKeyError.notOpenSSHFormat }
        let base64 = pem[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: String(base64)) else { throw SSHKeyError.malformed("invalid base64") }
        return Array(data)
    }

    static func decrypt(_ section: [UInt8], cipher: String, kdf: String, kdfOptions: [UInt8], passphrase: String?)
        throws -> [UInt8]
    {
        guard cipher == "aes256-ctr", kdf == "bcrypt" else {
            throw SSHKeyError.encryptedKeyUnsupported(cipher: cipher, kdf: kdf)
        }
        guard let passphrase, !passphrase.isEmpty else { throw SSHKeyError.passphraseRequired }
        var options = SSHWireReader(kdfOptions)
        let salt = try options.readString()
        let rounds = Int(try options.readUInt32())
        guard !salt.isEmpty, (1...1 << 20).contains(rounds) else { throw SSHKeyError.malformed("bad KDF options") }
        guard section.count % 16 == 0 else { throw SSHKeyError.malformed("encrypted section is not whole blocks") }
        let material = BCryptPBKDF.derive(passphrase: Array(passphrase.utf8), salt: salt, rounds: rounds, count: 48)
        let key = SymmetricKey(data: material[0..<32])
        let nonce = try AES._CTR.Nonce(nonceBytes: material[32..<48])
        return Array(try AES._CTR.decrypt(section, using: key, nonce: nonce))
    }

    static func readKey(algorithm: String, from reader: inout SSHWireReader) throws -> NIOSSHPrivateKey {
        switch algorithm {
        case "ssh-ed25519":
            _ = try reader.readString()  // the public key again
            let secret = try reader.readString()  // seed (32) followed by the public key (32)
            guard secret.count == 64 else { throw SSHKeyError.malformed("ed25519 secret is \(secret.count) bytes") }
            return NIOSSHPrivateKey(ed25519Key: try .init(rawRepresentation: secret[0..<32]))
        case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
            _ = try reader.readString()  // curve name
            _ = try reader.readString()  // public point
            let scalar = try reader.readString()  // mpint: big-endian, maybe a leading zero
            switch algorithm {
            case "ecdsa-sha2-nistp256":
                return NIOSSHPrivateKey(p256Key: try .init(rawRepresentation: try fixed(scalar, 32)))
            case "ecdsa-sha2-nistp384":
                return NIOSSHPrivateKey(p384Key: try .init(rawRepresentation: try fixed(scalar, 48)))
            default:
                return NIOSSHPrivateKey(p521Key: try .init(rawRepresentation: try fixed(scalar, 66)))
            }
        default:
            throw SSHKeyError.unsupportedAlgorithm(algorithm)
        }
    }

    /// An mpint as exactly `length` big-endian bytes.
    static func fixed(_ mpint: [UInt8], _ length: Int) throws -> [UInt8] {
        let trimmed = Array(mpint.drop(while: { $0 == 0 }))
        guard trimmed.count <= length else { throw SSHKeyError.malformed("ECDSA scalar too long") }
        return [UInt8](repeating: 0, count: length - trimmed.count) + trimmed
    }
}
