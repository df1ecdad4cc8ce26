import Foundation

/// Client key pairs made with `ssh-keygen` (each path has its `.pub` beside it).
public struct SSHTestKeys: Sendable {
    public static let passphrase = "correct horse battery staple"
    public let ed25519: String
    public let ecdsa: String
    public let ecdsa384: String
    public let ecdsa521: String
    /// An ed25519 key encrypted with ``passphrase`` (bcrypt KDF, aes256-ctr: ssh-keygen's defaults).
    public let encrypted: String
    public let rsa: String
    /// An ed25519 key that no server authorizes.
    public let stranger: String

    /// Generates all the keys into `directory`.
    public static func generate(in directory: String) throws -> SSHTestKeys {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let keys = SSHTestKeys(
            ed25519: directory + "/id_ed25519", ecdsa: directory + "/id_ecdsa", ecdsa384: directory + "/id_ecdsa384",
            ecdsa521: directory + "/id_ecdsa521", encrypted: directory + "/id_encrypted", rsa: directory + "/id_rsa",
            stranger: directory + "/id_stranger")
        try Shell.run(
            """
            ssh-keygen -q -t ed25519 -N '' -C drm-test-ed25519 -f '\(keys.ed25519)'
            ssh-keygen -q -t ecdsa -b 256 -N '' -C drm-test-ecdsa -f '\(keys.ecdsa)'
            ssh-keygen -q -t ecdsa -b 384 -N '' -C drm-test-ecdsa384 -f '\(keys.ecdsa384)'
            ssh-keygen -q -t ecdsa -b 521 -N '' -C drm-test-ecdsa521 -f '\(keys.ecdsa521)'
            ssh-keygen -q -t ed25519 -N '\(passphrase)' -C drm-test-encrypted -f '\(keys.encrypted)'
            ssh-keygen -q -t rsa -b 2048 -N '' -C drm-test-rsa -f '\(keys.rsa)'
            ssh-keygen -q -t ed25519 -N '' -C drm-test-stranger -f '\(keys.stranger)'
            """)
        return keys
    }

    /// The text of a private key file.
    public static func pem(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// The text of a new ed25519 private key encrypted with `passphrase` (a real key: keys are parsed when saved).
    public static func encryptedPEM(passphrase: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.path + "/drm-key-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Shell.run("ssh-keygen -q -t ed25519 -N '\(passphrase)' -C drm-test -f '\(directory)/key'")
        return try pem(directory + "/key")
    }

    /// `SHA256:…` as `ssh-keygen -lf` prints it for the key at `path`.
    public static func fingerprint(_ path: String) throws -> String {
        let output = try Shell.run("ssh-keygen -lf '\(path)'")
        return String(output.split(separator: " ")[1])
    }
}
