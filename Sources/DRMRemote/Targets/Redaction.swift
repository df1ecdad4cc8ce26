// Connector values hold passwords and keys. Their descriptions (string interpolation, `print`, log metadata, test
// failure messages) leave the secrets out, so that logging a probe or an error never leaks one.

extension SSHAuthentication: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        switch self {
        case .password: "password(<redacted>)"
        case .privateKey(let key): "privateKey(\(key.algorithm) \(key.publicKey.fingerprint))"
        }
    }

    public var debugDescription: String { description }
}

extension SSHPrivateKey: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "SSHPrivateKey(\(algorithm) \(publicKey.fingerprint))" }
    public var debugDescription: String { description }
}

extension SSHProbe: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "SSHProbe(\(username)@\(host):\(port), \(authentication))" }
    public var debugDescription: String { description }
}

extension SMTPProbe: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "SMTPProbe(\(host):\(port), \(encryption.rawValue), user: \(username ?? "-"), password: "
            + (password == nil ? "-" : "<redacted>") + ")"
    }

    public var debugDescription: String { description }
}

extension PostgresProbe: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "PostgresProbe(\(username)@\(host):\(port)/\(database), sslmode \(sslMode.rawValue), password: "
            + (password == nil ? "-" : "<redacted>") + ")"
    }

    public var debugDescription: String { description }
}

extension WinRMClient: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "WinRMClient(\(username)@\(endpoint), password: <redacted>)" }
    public var debugDescription: String { description }
}
