import Foundation

/// Where the database is: an SQLite file or a PostgreSQL server.
public enum DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// A PostgreSQL server and database.
    public struct PostgresLocation: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        /// `sslmode` from the URL: `disable` (default), `prefer` or `require`.
        public var tlsMode: String

        public init(
            host: String, port: Int = 5432, username: String, password: String?, database: String,
            tlsMode: String = "disable"
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
            self.tlsMode = tlsMode
        }
    }

    /// Parses `sqlite:///absolute/path`, `sqlite://relative/path` or `postgres://user:pass@host:port/db?sslmode=…`.
    /// A relative SQLite path is resolved against `directory`.
    public init(parsing text: String, relativeTo directory: String) throws(ConfigError.Problem.Reason) {
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else {
                throw .invalid("an SQLite URL needs a file path: sqlite:///path/to/file.sqlite")
            }
            self = .sqlite(path: path.hasPrefix("/") ? path : directory + "/" + path)
            return
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme)
        else {
            throw .invalid("must start with sqlite:// or postgres://")
        }
        guard let host = components.host, !host.isEmpty else { throw .invalid("a PostgreSQL URL needs a host") }
        guard let username = components.user, !username.isEmpty else {
            throw .invalid("a PostgreSQL URL needs a user name")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw .invalid("a PostgreSQL URL needs a database name: postgres://user@host/db")
        }
        let tlsMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "prefer", "require"].contains(tlsMode) else {
            throw .invalid("sslmode must be disable, prefer or require")
        }
        if let port = components.port, !(1...65535).contains(port) { throw .invalid("port must be 1–65535") }
        self = .postgres(
            PostgresLocation(
                host: host, port: components.port ?? 5432, username: username.removingPercentEncoding ?? username,
                password: components.password?.removingPercentEncoding, database: database, tlsMode: tlsMode
            ))
    }

    /// The URL with its password hidden, safe for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite://\(path.hasPrefix("/") ? "" : "/")\(path)"
        case .postgres(let location):
            "postgres://\(location.username)\(location.password == nil ? "" : ":***")@\(location.host):\(location.port)/\(location.database)"
        }
    }
}
