/// Keeps secrets out of audit details: any value under a key that names a secret is replaced.
public enum AuditRedaction {
    /// What a secret value is replaced with.
    public static let placeholder: JSONValue = "[redacted]"

    /// Whether a key of a JSON object names a secret (password, token, key, hash, passphrase, secret).
    public static func isSecret(key: String) -> Bool {
        let key = key.lowercased()
        return ["password", "token", "secret", "passphrase", "hash", "private_key", "api_key", "credential"]
            .contains { key.contains($0) }
    }

    /// `value` with every secret-named entry replaced by ``placeholder``, at any depth.
    public static func redacted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            .object(object.reduce(into: [:]) { $0[$1.key] = isSecret(key: $1.key) ? placeholder : redacted($1.value) })
        case .array(let items): .array(items.map(redacted))
        default: value
        }
    }
}
