import Foundation

extension CommunicationMethodConfig {
    /// How an SSH server's host key is trusted.
    public enum HostKeyPolicy: String, Sendable, Hashable, CaseIterable {
        /// Only a key recorded before is accepted; the first *connection test* records it, and jobs refuse an unknown
        /// key. The default.
        case pinned
        /// The first connection of any kind records the key (trust on first use).
        case recordFirstUse = "record_first_use"
    }

    /// `ssh`: host, port 22, host key policy `pinned`, timeout 30 s.
    public struct SSH: Sendable, Hashable {
        /// The server's address.
        public var host: String
        /// 1…65535; 22 by default.
        public var port = 22
        /// `pinned` by default.
        public var hostKeyPolicy = HostKeyPolicy.pinned
        /// Seconds, 1…3600; 30 by default.
        public var timeout = 30
        /// The original's `key_algorithm` hint (e.g. `rsa`), kept as written; `nil` when absent.
        public var keyAlgorithm: String?

        /// An SSH config for `host` with the defaults.
        public init(host: String) { self.host = host }

        init(reading reader: inout FieldReader) throws(FieldError) {
            host = try reader.host()
            port = try reader.port(default: 22)
            hostKeyPolicy = try reader.choice("host_key_policy", default: .pinned)
            timeout = try reader.timeout()
            keyAlgorithm = try reader.string("key_algorithm")
        }

        var json: JSONValue {
            var object: [String: JSONValue] = [
                "host": .string(host), "port": .number(Double(port)),
                "host_key_policy": .string(hostKeyPolicy.rawValue), "timeout": .number(Double(timeout)),
            ]
            if let keyAlgorithm { object["key_algorithm"] = .string(keyAlgorithm) }
            return .object(object)
        }
    }

    /// `winrm`: host, port 5985 (5986 over https), transport http, auth ntlm, timeout 30 s.
    public struct WinRM: Sendable, Hashable {
        /// Whether WinRM runs over plain HTTP or HTTPS.
        public enum Transport: String, Sendable, Hashable, CaseIterable {
            /// HTTP (the original's `plaintext`), port 5985.
            case http
            /// HTTPS (the original's `ssl`), port 5986.
            case https
        }

        /// How WinRM authenticates.
        public enum Auth: String, Sendable, Hashable, CaseIterable {
            /// HTTP basic (local accounts only).
            case basic
            /// NTLM; the default, as the original's executor always used it.
            case ntlm
        }

        /// The server's address.
        public var host: String
        /// 1…65535; 5985 over http and 5986 over https by default.
        public var port: Int
        /// `http` by default.
        public var transport = Transport.http
        /// `ntlm` by default.
        public var auth = Auth.ntlm
        /// Seconds, 1…3600; 30 by default.
        public var timeout = 30

        /// A WinRM config for `host` over `transport` with the defaults.
        public init(host: String, transport: Transport = .http) {
            self.host = host
            self.transport = transport
            port = transport == .https ? 5986 : 5985
        }

        init(reading reader: inout FieldReader) throws(FieldError) {
            host = try reader.host()
            transport = try reader.choice("transport", default: .http, aliases: ["plaintext": .http, "ssl": .https])
            port = try reader.port(default: transport == .https ? 5986 : 5985)
            auth = try reader.choice("auth", default: .ntlm)
            timeout = try reader.timeout()
        }

        var json: JSONValue {
            [
                "host": .string(host), "port": .number(Double(port)), "transport": .string(transport.rawValue),
                "auth": .string(auth.rawValue), "timeout": .number(Double(timeout)),
            ]
        }
    }

    /// `smtp`: host, port 587 (465 with `ssl`), encryption `starttls`, timeout 30 s.
    public struct SMTP: Sendable, Hashable {
        /// How the connection is encrypted.
        public enum Encryption: String, Sendable, Hashable, CaseIterable {
            /// STARTTLS after connecting; the default, port 587.
            case starttls
            /// TLS from the start, port 465.
            case ssl
            /// No encryption.
            case none
        }

        /// The server's address.
        public var host: String
        /// 1…65535; 587, or 465 with `ssl`, by default.
        public var port: Int
        /// `starttls` by default.
        public var encryption = Encryption.starttls
        /// Seconds, 1…3600; 30 by default.
        public var timeout = 30

        /// An SMTP config for `host` with `encryption` and the defaults.
        public init(host: String, encryption: Encryption = .starttls) {
            self.host = host
            self.encryption = encryption
            port = encryption == .ssl ? 465 : 587
        }

        init(reading reader: inout FieldReader) throws(FieldError) {
            host = try reader.host()
            encryption = try reader.choice("encryption", default: .starttls)
            port = try reader.port(default: encryption == .ssl ? 465 : 587)
            timeout = try reader.timeout()
        }

        var json: JSONValue {
            [
                "host": .string(host), "port": .number(Double(port)), "encryption": .string(encryption.rawValue),
                "timeout": .number(Double(timeout)),
            ]
        }
    }

    /// `postgresql`: host, port 5432, database `postgres`, ssl_mode `require`, timeout 30 s.
    public struct PostgreSQL: Sendable, Hashable {
        /// How TLS is used, as libpq names it.
        public enum SSLMode: String, Sendable, Hashable, CaseIterable {
            /// No TLS.
            case disable
            /// TLS without checking the certificate; the default.
            case require
            /// TLS with the certificate and host name checked.
            case verifyFull = "verify-full"
        }

        /// The server's address.
        public var host: String
        /// 1…65535; 5432 by default.
        public var port = 5432
        /// The database to connect to, 1…63 characters; `postgres` by default.
        public var database = "postgres"
        /// `require` by default.
        public var sslMode = SSLMode.require
        /// Seconds, 1…3600; 30 by default.
        public var timeout = 30

        /// A PostgreSQL config for `host` with the defaults.
        public init(host: String) { self.host = host }

        init(reading reader: inout FieldReader) throws(FieldError) {
            host = try reader.host()
            port = try reader.port(default: 5432)
            database = try reader.string("database") ?? "postgres"
            guard (1...63).contains(database.utf8.count) else {
                throw FieldError(field: "config.database", message: "must be 1…63 bytes")
            }
            sslMode = try reader.choice("ssl_mode", default: .require)
            timeout = try reader.timeout()
        }

        var json: JSONValue {
            [
                "host": .string(host), "port": .number(Double(port)), "database": .string(database),
                "ssl_mode": .string(sslMode.rawValue), "timeout": .number(Double(timeout)),
            ]
        }
    }
}
