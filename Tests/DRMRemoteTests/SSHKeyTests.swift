import DRMTestSupport
import Foundation
import Testing

@testable import DRMRemote

@Suite("OpenSSH private and public keys")
struct SSHKeyTests {
    static let keys = SharedResource {
        try SSHTestKeys.generate(in: try TemporaryDirectory.make(prefix: "enabledrm-keys"))
    }

    @Test(
        "unencrypted keys parse and their fingerprints equal ssh-keygen -lf",
        arguments: [
            ("ed25519", "ssh-ed25519"), ("ecdsa", "ecdsa-sha2-nistp256"), ("ecdsa384", "ecdsa-sha2-nistp384"),
            ("ecdsa521", "ecdsa-sha2-nistp521"),
        ])
    func parsesUnencrypted(kind: String, algorithm: String) async throws {
        let keys = try await Self.keys.get()
        let path = [
            "ed25519": keys.ed25519, "ecdsa": keys.ecdsa, "ecdsa384": keys.ecdsa384, "ecdsa521": keys.ecdsa521,
        ][kind]!
        let key = try SSHPrivateKey(openSSH: try SSHTestKeys.pem(path))
        #expect(key.algorithm == algorithm)
        #expect(key.comment == "drm-test-\(kind)")
        #expect(key.publicKey.fingerprint == (try SSHTestKeys.fingerprint(path)))
        let publicLine = try String(contentsOfFile: path + ".pub", encoding: .utf8)
        #expect(try SSHPublicKey(openSSH: publicLine) == key.publicKey)
        #expect(publicLine.hasPrefix(key.publicKey.openSSH + " "))
    }

    @Test("an encrypted key opens with its passphrase (bcrypt + aes256-ctr) and not without")
    func encrypted() async throws {
        let keys = try await Self.keys.get()
        let pem = try SSHTestKeys.pem(keys.encrypted)
        let key = try SSHPrivateKey(openSSH: pem, passphrase: SSHTestKeys.passphrase)
        #expect(key.algorithm == "ssh-ed25519")
        #expect(key.comment == "drm-test-encrypted")
        #expect(key.publicKey.fingerprint == (try SSHTestKeys.fingerprint(keys.encrypted)))
        #expect(throws: SSHKeyError.wrongPassphrase) { try SSHPrivateKey(openSSH: pem, passphrase: "wrong") }
        #expect(throws: SSHKeyError.passphraseRequired) { try SSHPrivateKey(openSSH: pem) }
    }

    @Test("a key encrypted with a cipher other than aes256-ctr is rejected as unsupported")
    func otherCipher() async throws {
        let directory = try TemporaryDirectory.make(prefix: "enabledrm-keys")
        try Shell.run("ssh-keygen -q -t ed25519 -Z aes256-gcm@openssh.com -N secret-phrase -f '\(directory)/id_gcm'")
        #expect(throws: SSHKeyError.encryptedKeyUnsupported(cipher: "aes256-gcm@openssh.com", kdf: "bcrypt")) {
            try SSHPrivateKey(contentsOfFile: directory + "/id_gcm", passphrase: "secret-phrase")
        }
    }

    @Test("RSA keys are rejected with an error naming the algorithm")
    func rejectsRSA() async throws {
        let keys = try await Self.keys.get()
        let error = #expect(throws: SSHKeyError.self) { try SSHPrivateKey(openSSH: try SSHTestKeys.pem(keys.rsa)) }
        #expect(error == .unsupportedAlgorithm("ssh-rsa"))
        #expect(error?.description.contains("RSA") == true)
        // The public half still has a fingerprint (an RSA host key can be pinned).
        let line = try String(contentsOfFile: keys.rsa + ".pub", encoding: .utf8)
        #expect(try SSHPublicKey(openSSH: line).fingerprint == (try SSHTestKeys.fingerprint(keys.rsa + ".pub")))
    }

    @Test("other formats and broken files fail clearly")
    func rejectsGarbage() async throws {
        #expect(throws: SSHKeyError.notOpenSSHFormat) {
            try SSHPrivateKey(openSSH: "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----")
        }
        let keys = try await Self.keys.get()
        let pem = try SSHTestKeys.pem(keys.ed25519)
        let lines = pem.split(separator: "\n")
        let cut = ([lines[0]] + lines[1..<3] + [lines.last!]).joined(separator: "\n")
        #expect(throws: SSHKeyError.self) { try SSHPrivateKey(openSSH: cut) }
        #expect(throws: SSHKeyError.self) { try SSHPublicKey(openSSH: "ssh-ed25519 not-base64!") }
        #expect(throws: SSHKeyError.self) { try SSHPublicKey(openSSH: "ssh-rsa " + (try publicBlob(keys.ed25519))) }
    }

    @Test("bcrypt_pbkdf matches OpenBSD's test vector")
    func bcryptVector() {
        // From OpenBSD's regress/lib/libutil/bcrypt_pbkdf: "password", salt "salt", 4 rounds, 32 bytes.
        let key = BCryptPBKDF.derive(passphrase: Array("password".utf8), salt: Array("salt".utf8), rounds: 4, count: 32)
        let hex = key.map { String(format: "%02x", $0) }.joined()
        #expect(hex == "5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9")
    }

    func publicBlob(_ path: String) throws -> String {
        String(try String(contentsOfFile: path + ".pub", encoding: .utf8).split(separator: " ")[1])
    }
}
