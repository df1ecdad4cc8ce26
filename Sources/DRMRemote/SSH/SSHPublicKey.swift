import Crypto
public import Foundation
import NIOSSH

/// An SSH public key (a user key or a server's host key) in its wire form, with OpenSSH's text form and fingerprint.
public struct SSHPublicKey: Sendable, Hashable, CustomStringConvertible {
    /// `ssh-ed25519`, `ecdsa-sha2-nistp256`, … as named inside the key blob.
    public let algorithm: String
    /// The wire-format key blob (what `ssh-keygen -lf` hashes).
    public let blob: Data

    /// Parses an OpenSSH public-key line, `ssh-ed25519 AAAA… [comment]` (a `known_hosts` line without the host).
    public init(openSSH line: String) throws {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 2, let blob = Data(base64Encoded: String(fields[1])) else {
            throw SSHKeyError.malformed("expected \"<algorithm> <base64>\"")
        }
        try self.init(blob: blob)
        guard algorithm == fields[0] else {
            throw SSHKeyError.malformed("the line says \(fields[0]) but the key is \(algorithm)")
        }
    }

    /// A key from its wire-format blob.
    public init(blob: Data) throws {
        var reader = SSHWireReader(Array(blob))
        let algorithm = try reader.readText()
        guard !algorithm.isEmpty, algorithm.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw SSHKeyError.malformed("no algorithm name in the key")
        }
        self.algorithm = algorithm
        self.blob = blob
    }

    init(_ key: NIOSSHPublicKey) {
        // NIOSSH writes exactly "<algorithm> <base64>" for the key types it knows, so this can't fail.
        try! self.init(openSSH: String(openSSHPublicKey: key))
    }

    /// `<algorithm> <base64>`, as in `authorized_keys` and `known_hosts`.
    public var openSSH: String { "\(algorithm) \(blob.base64EncodedString())" }

    /// OpenSSH's fingerprint: `SHA256:` and the unpadded base64 of the blob's SHA-256, as `ssh-keygen -lf` prints.
    public var fingerprint: String { Self.fingerprint(of: blob) }

    static func fingerprint(of blob: Data) -> String {
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// The key as swift-nio-ssh sees it, for the algorithms swift-nio-ssh implements (ed25519 and ECDSA).
    var nioKey: NIOSSHPublicKey? { try? NIOSSHPublicKey(openSSHPublicKey: openSSH) }

    public var description: String { "\(algorithm) \(fingerprint)" }
}
