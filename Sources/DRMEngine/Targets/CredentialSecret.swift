public import DRMCore
import Foundation

/// The secret part of a target credential, as encrypted into `target_credentials.encrypted_credentials`: a JSON object
/// `{type, username, password | private_key, passphrase | token …}`.
///
/// Its `description`, `debugDescription` and mirror say which fields are set and never their values, so a secret that
/// reaches a log line, a string interpolation or `dump` leaks nothing.
public struct CredentialSecret: Sendable, Hashable, Codable {
    /// The credential type: password, ssh_key, snmp_community, api_key, api_token.
    public var type: String
    /// The log-in user, if any.
    public var username: String?
    /// The password (or SNMP community, or API key), if any.
    public var password: String?
    /// A PEM/OpenSSH private key, if any.
    public var privateKey: String?
    /// The private key's passphrase, if any.
    public var passphrase: String?
    /// A bearer token, if any.
    public var token: String?
    /// Keys this type doesn't know (written by the original), kept so re-encryption loses nothing.
    public var additional: [String: JSONValue]

    /// A secret of `type` with the given fields.
    public init(
        type: String, username: String? = nil, password: String? = nil, privateKey: String? = nil,
        passphrase: String? = nil, token: String? = nil, additional: [String: JSONValue] = [:]
    ) {
        self.type = type
        self.username = username
        self.password = password
        self.privateKey = privateKey
        self.passphrase = passphrase
        self.token = token
        self.additional = additional
    }

    /// Whether a non-empty password is set.
    public var hasPassword: Bool { password?.isEmpty == false }
    /// Whether a non-empty private key is set.
    public var hasPrivateKey: Bool { privateKey?.isEmpty == false }
    /// Whether a non-empty passphrase is set.
    public var hasPassphrase: Bool { passphrase?.isEmpty == false }
    /// Whether a non-empty token is set.
    public var hasToken: Bool { token?.isEmpty == false }

    /// The names of the fields that are set, `type` excluded, in a fixed order: what may be shown about a secret.
    public var setFields: [String] {
        var fields: [String] = []
        if username != nil { fields.append("username") }
        if password != nil { fields.append("password") }
        if privateKey != nil { fields.append("private_key") }
        if passphrase != nil { fields.append("passphrase") }
        if token != nil { fields.append("token") }
        return fields + additional.keys.sorted()
    }

    private enum Key: String, CaseIterable {
        case type, username, password
        case privateKey = "private_key"
        case passphrase, token
    }

    public init(from decoder: any Decoder) throws {
        var object = try [String: JSONValue](from: decoder)
        func take(_ key: Key) throws -> String? {
            switch object.removeValue(forKey: key.rawValue) {
            case .none, .null?: return nil
            case .string(let text)?: return text
            case _?:
                throw DecodingError.typeMismatch(
                    String.self,
                    .init(codingPath: decoder.codingPath, debugDescription: "\(key.rawValue) is not a string"))
            }
        }
        // Payloads of the original without a type were passwords.
        type = try take(.type) ?? "password"
        username = try take(.username)
        password = try take(.password)
        privateKey = try take(.privateKey)
        passphrase = try take(.passphrase)
        token = try take(.token)
        additional = object
    }

    public func encode(to encoder: any Encoder) throws {
        var object = additional
        object[Key.type.rawValue] = .string(type)
        let fields: [(Key, String?)] = [
            (.username, username), (.password, password), (.privateKey, privateKey), (.passphrase, passphrase),
            (.token, token),
        ]
        for case (let key, let value?) in fields { object[key.rawValue] = .string(value) }
        try object.encode(to: encoder)
    }
}

extension CredentialSecret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `CredentialSecret(type: ssh_key, set: username, private_key; values redacted)`.
    public var description: String {
        "CredentialSecret(type: \(type), set: \(setFields.joined(separator: ", ")); values redacted)"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the type and the names of the set fields only, so `dump` shows no values.
    public var customMirror: Mirror {
        Mirror(self, children: ["type": type, "set": setFields], displayStyle: .struct)
    }
}
