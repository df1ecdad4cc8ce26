/// One target to import, validated: from a CSV line or a JSON object with the columns of ``TargetImport``.
public struct TargetImportRow: Sendable, Hashable {
    /// 1…255 characters.
    public var name: String
    /// An IPv4 or IPv6 address or a DNS name.
    public var host: String
    /// 1…65535, or `nil` for the method's default.
    public var port: Int?
    /// The log-in user, if any.
    public var username: String?
    /// The password, if any. Never logged.
    public var password: String?
    /// The path of a private key file, if any.
    public var keyFile: String?
    /// Tags, trimmed, without empties or repeats, in their order.
    public var tags: [String]
    /// `os_type`: lower-case letters, digits, `_` and `-`, if any.
    public var osType: String?
    /// `environment`: production, staging, development or testing, if any.
    public var environment: String?
    /// A description, if any.
    public var description: String?
    /// The SSH host key the method trusts (an OpenSSH public-key line, as in `known_hosts`), if known.
    public var hostKey: String?

    /// A row with the given values; no validation (see ``TargetImport``).
    public init(
        name: String, host: String, port: Int? = nil, username: String? = nil, password: String? = nil,
        keyFile: String? = nil, tags: [String] = [], osType: String? = nil, environment: String? = nil,
        description: String? = nil, hostKey: String? = nil
    ) {
        self.name = name
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.keyFile = keyFile
        self.tags = tags
        self.osType = osType
        self.environment = environment
        self.description = description
        self.hostKey = hostKey
    }
}

extension TargetImportRow: CustomDebugStringConvertible, CustomReflectable {
    /// The row with its password left out, so printing or logging a row never shows it.
    public var debugDescription: String {
        var text = "TargetImportRow(name: \(name.debugDescription), host: \(host.debugDescription)"
        if let port { text += ", port: \(port)" }
        if let username { text += ", username: \(username.debugDescription)" }
        if password != nil { text += ", password: <redacted>" }
        if let keyFile { text += ", key_file: \(keyFile.debugDescription)" }
        if !tags.isEmpty { text += ", tags: \(tags)" }
        if let osType { text += ", os_type: \(osType)" }
        if let environment { text += ", environment: \(environment)" }
        return text + ")"
    }

    /// A mirror without the password's value, so `dump` doesn't show it either.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "name": name, "host": host, "port": port as Any, "username": username as Any,
                "password": password == nil ? "nil" : "<redacted>", "keyFile": keyFile as Any, "tags": tags,
                "osType": osType as Any, "environment": environment as Any, "description": description as Any,
            ], displayStyle: .struct)
    }
}
