extension CommunicationMethodConfig {
    /// A config of the original platform brought into this shape, and what was left behind or changed on the way.
    public struct Adoption: Sendable, Hashable {
        /// The config in this platform's shape.
        public var config: CommunicationMethodConfig
        /// Keys of the original that have no meaning here and were dropped, sorted.
        public var droppedKeys: [String]
        /// Values that were changed to their nearest equivalent, e.g. `ssl_mode: prefer → require`.
        public var changes: [String]
    }

    /// Brings a config that the original wrote (domain.md §3: `rest_api` as protocol/host/port/base_path/verify_ssl,
    /// `smtp` with use_tls/use_ssl/connection_security, pool sizes, …) into this shape, then validates it like
    /// ``decode(methodType:config:)``. Keys with no meaning here (pool sizes, server_type, test_recipient, …) are
    /// dropped and listed, so an adoption can report them.
    public static func adoptingOriginal(methodType: String, config: JSONValue) throws(FieldError) -> Adoption {
        guard let type = MethodType(methodType: methodType) else { throw unknownMethodType(methodType) }
        guard case .object(var object) = config else {
            throw FieldError(field: "config", message: "must be a JSON object")
        }
        var changes: [String] = []
        switch type {
        case .ssh, .winrm:
            break
        case .restAPI:
            if object["base_url"] == nil, case .string(let host)? = object["host"] {
                object["base_url"] = .string(originalBaseURL(host: host, object))
                changes.append("base_url: made of protocol, host, port and base_path")
                for key in ["protocol", "port", "base_path"] { object[key] = nil }
            }
            object["host"] = nil
            if let verify = object.removeValue(forKey: "verify_ssl"), object["verify_tls"] == nil {
                object["verify_tls"] = verify
            }
        case .smtp:
            if object["encryption"] == nil, let encryption = originalSMTPEncryption(object) {
                object["encryption"] = .string(encryption)
                changes.append("encryption: \(encryption), from use_ssl, use_tls and connection_security")
            }
        case .postgresql:
            let nearest = ["allow": "disable", "prefer": "require", "verify-ca": "verify-full"]
            if case .string(let mode)? = object["ssl_mode"], let replacement = nearest[mode] {
                object["ssl_mode"] = .string(replacement)
                changes.append("ssl_mode: \(mode) → \(replacement)")
            }
        }
        let known = knownKeys(of: type)
        let dropped = object.keys.filter { !known.contains($0) }.sorted()
        for key in dropped { object[key] = nil }
        let decoded = try decode(methodType: type.rawValue, config: .object(object))
        return Adoption(config: decoded, droppedKeys: dropped, changes: changes)
    }

    static func knownKeys(of type: MethodType) -> Set<String> {
        switch type {
        case .ssh: ["host", "port", "host_key_policy", "timeout", "key_algorithm"]
        case .winrm: ["host", "port", "transport", "auth", "timeout"]
        case .restAPI: ["base_url", "host", "verify_tls", "default_headers", "timeout"]
        case .smtp: ["host", "port", "encryption", "timeout"]
        case .postgresql: ["host", "port", "database", "ssl_mode", "timeout"]
        }
    }

    private static func originalBaseURL(host: String, _ object: [String: JSONValue]) -> String {
        var scheme = "http"
        if case .string(let text)? = object["protocol"], text.lowercased() == "https" { scheme = "https" }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        var port = ""
        if case .number(let number)? = object["port"], number.rounded() == number {
            let value = Int(number)
            if value != (scheme == "https" ? 443 : 80) { port = ":\(value)" }
        }
        var path = "/"
        if case .string(let text)? = object["base_path"], !text.isEmpty {
            path = text.hasPrefix("/") ? text : "/" + text
        }
        return "\(scheme)://\(hostPart)\(port)\(path)"
    }

    private static func originalSMTPEncryption(_ object: [String: JSONValue]) -> String? {
        if case .string(let security)? = object["connection_security"], ["ssl", "starttls", "none"].contains(security) {
            return security
        }
        if object["use_ssl"] == .bool(true) { return "ssl" }
        if object["use_tls"] == .bool(true) { return "starttls" }
        if object["use_tls"] == .bool(false) { return "none" }
        return nil
    }
}
