import DRMCore
import DRMRemote
import Foundation

/// Checks of the plain fields of targets, shared by create, update and import.
enum TargetRules {
    static func text(_ value: String?, _ field: String, max: Int, required: Bool = false) throws(TargetError)
        -> String?
    {
        guard let value else {
            if required { throw .invalid(field: field, message: "is required") }
            return nil
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            if required { throw .invalid(field: field, message: "must not be empty") }
            return nil
        }
        // Databases count code points, not grapheme clusters.
        guard trimmed.unicodeScalars.count <= max else {
            throw .invalid(field: field, message: "must be at most \(max) characters")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw .invalid(field: field, message: "must not contain NUL characters")
        }
        return trimmed
    }

    /// A name: one line of text that shows as written. Line breaks, tabs and other control characters, and the
    /// bidirectional overrides and isolates that make text display in another order than stored
    /// (U+202A…U+202E, U+2066…U+2069), are refused.
    static func name(_ value: String, field: String = "name") throws(TargetError) -> String {
        let name = try text(value, field, max: 100, required: true)!
        if name.unicodeScalars.contains(where: {
            $0.properties.generalCategory == .control || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value)
        }) {
            throw .invalid(
                field: field, message: "must be one line without control or text-direction characters")
        }
        return name
    }

    static func osType(_ value: String, field: String = "os_type") throws(TargetError) -> String {
        let os = try text(value, field, max: 20, required: true)!.lowercased()
        guard os.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw .invalid(field: field, message: "must be letters, digits, '_' or '-' (e.g. linux, windows)")
        }
        return os
    }

    /// Tags: non-empty after trimming, at most 50 characters, no repeats, at most 50 of them.
    static func tags(_ tags: [String], field: String = "tags") throws(TargetError) -> [String] {
        guard tags.count <= 50 else { throw .invalid(field: field, message: "must be at most 50 tags") }
        var seen = Set<String>()
        var result: [String] = []
        for (index, tag) in tags.enumerated() {
            guard let tag = try text(tag, "\(field).\(index)", max: 50) else {
                throw .invalid(field: "\(field).\(index)", message: "must not be empty")
            }
            guard seen.insert(tag).inserted else {
                throw .invalid(field: "\(field).\(index)", message: "repeats the tag '\(tag)'")
            }
            result.append(tag)
        }
        return result
    }

    /// The config of a method, validated; strings with NUL characters are refused (PostgreSQL can't store them).
    static func config(_ methodType: String, _ config: JSONValue, field: String) throws(TargetError)
        -> CommunicationMethodConfig
    {
        func under(_ name: String) -> String { field.isEmpty ? name : "\(field).\(name)" }
        if let path = nulPath(config, "config") {
            throw .invalid(field: under(path), message: "must not contain NUL characters")
        }
        do {
            return try CommunicationMethodConfig.decode(methodType: methodType, config: config)
        } catch {
            throw .invalid(field: under(error.field), message: error.message)
        }
    }

    static func nulPath(_ value: JSONValue, _ path: String) -> String? {
        switch value {
        case .string(let text): return text.unicodeScalars.contains { $0.value == 0 } ? path : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = nulPath(item, "\(path).\(index)") { return found }
            }
            return nil
        case .object(let object):
            for key in object.keys.sorted() {
                if key.unicodeScalars.contains(where: { $0.value == 0 }) { return path }
                if let found = nulPath(object[key]!, "\(path).\(key)") { return found }
            }
            return nil
        default: return nil
        }
    }

    /// A credential has the field its type needs, and nothing over 64 KiB.
    static func credential(_ input: CredentialInput, field: String) throws(TargetError) {
        let fields: [(String, String?)] = [
            ("username", input.username), ("password", input.password), ("private_key", input.privateKey),
            ("passphrase", input.passphrase), ("token", input.token), ("certificate", input.certificate),
        ]
        for (name, value) in fields {
            guard let value else { continue }
            guard value.utf8.count <= 65_536 else {
                throw .invalid(field: "\(field).\(name)", message: "must be at most 64 KiB")
            }
            guard !value.unicodeScalars.contains(where: { $0.value == 0 }) else {
                throw .invalid(field: "\(field).\(name)", message: "must not contain NUL characters")
            }
        }
        let secret = input.secret
        let needed: (String, Bool) =
            switch input.type {
            case .password: ("password", secret.hasPassword)
            case .sshKey: ("private_key", secret.hasPrivateKey)
            case .apiToken: ("token", secret.hasToken)
            case .certificate: ("certificate", secret.additional["certificate"] != nil)
            }
        // An ssh_key credential may name only the user: the key then comes from an agent or forwarding.
        let userOnly = input.type == .sshKey && secret.username != nil && !secret.hasPassword && !secret.hasToken
        guard needed.1 || userOnly else {
            throw .invalid(
                field: "\(field).\(needed.0)", message: "is required for a \(input.type.rawValue) credential")
        }
        if input.type == .sshKey, let key = input.privateKey, !key.isEmpty {
            try privateKey(key, passphrase: input.passphrase, field: field)
        }
    }

    /// A private key is read when it is saved, not first when it is used (#14 item 14): a key that isn't an OpenSSH
    /// key, is broken, or is encrypted without the right passphrase is refused naming the field. A well-formed key
    /// of an algorithm the client can't sign with (RSA) is kept: the connection test says why it can't log in.
    static func privateKey(_ text: String, passphrase: String?, field: String) throws(TargetError) {
        do {
            _ = try SSHPrivateKey(openSSH: text, passphrase: passphrase?.isEmpty == true ? nil : passphrase)
        } catch let error as SSHKeyError {
            switch error {
            case .unsupportedAlgorithm, .encryptedKeyUnsupported: return
            case .passphraseRequired, .wrongPassphrase:
                throw .invalid(field: "\(field).passphrase", message: error.description)
            case .notOpenSSHFormat, .malformed:
                throw .invalid(field: "\(field).private_key", message: error.description)
            }
        } catch {
            throw .invalid(field: "\(field).private_key", message: "malformed OpenSSH private key")
        }
    }

    static let hostKeyAlgorithms: Set<String> = [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ]

    /// An OpenSSH public-key line `algorithm base64 [comment]`, checked loosely: a known algorithm, and base64 whose
    /// blob names that algorithm. Returns the line without its comment, and the key's `SHA256:` fingerprint.
    static func hostKey(_ line: String, field: String = "host_key") throws(TargetError) -> (
        key: String, fingerprint: String
    ) {
        guard line.utf8.count <= 16_384 else { throw .invalid(field: field, message: "must be at most 16 KiB") }
        let parts = line.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2, hostKeyAlgorithms.contains(String(parts[0])) else {
            throw .invalid(
                field: field,
                message:
                    "must be an OpenSSH public-key line: one of \(hostKeyAlgorithms.sorted().joined(separator: ", ")) then base64"
            )
        }
        guard let blob = Data(base64Encoded: String(parts[1])), blob.count > 4 + parts[0].utf8.count,
            blob.prefix(4).reduce(0, { $0 << 8 | Int($1) }) == parts[0].utf8.count,
            blob.dropFirst(4).prefix(parts[0].utf8.count).elementsEqual(parts[0].utf8)
        else {
            throw .invalid(field: field, message: "has base64 that is not a \(parts[0]) public key")
        }
        return ("\(parts[0]) \(parts[1])", KeyFingerprint.sha256(blob))
    }
}
