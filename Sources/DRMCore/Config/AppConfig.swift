import Foundation

/// The whole configuration of an EnableDRM process, loaded once at start-up (see ``AppConfig/load(flags:environment:file:workingDirectory:)``).
public struct AppConfig: Sendable, Hashable {
    /// How log lines are written.
    public enum LogFormat: String, Sendable, Hashable, CaseIterable {
        case text
        case json
    }

    /// Log levels, as swift-log names them.
    public enum LogLevel: String, Sendable, Hashable, CaseIterable, Comparable {
        case trace, debug, info, notice, warning, error, critical

        public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var databaseURL: DatabaseURL
    public var host: String
    public var port: Int
    /// Holds the SQLite database, the generated secret key and other state.
    public var dataDirectory: String
    /// Base64 of 32 bytes; `nil` until resolved from the data directory (see `SecretKeyFile`).
    public var secretKey: String?
    public var logLevel: LogLevel
    public var logFormat: LogFormat
    /// The first administrator's user name, created on first start.
    public var adminUsername: String
    /// The first administrator's password; when unset a random one is printed once.
    public var adminPassword: String?
    /// How many queue tasks (executions) one worker process runs at once (1…64; 4 by default).
    public var workerSlots: Int = 4
    /// Seconds a worker's claim on a task holds without renewal (renewed every third); after a crash, the task is
    /// taken back this long after the last renewal (2…600; 30 by default).
    public var workerLeaseSeconds: Int = 30
    /// Reverse proxies whose `X-Forwarded-For` names the client (for the log-in throttle, sessions and the audit
    /// log); none by default, so the socket's peer is the client.
    public var trustedProxies = TrustedProxies()
    /// The addresses discovery runs of the API, pages and schedules may sweep (none set: any); a run of another
    /// range is refused naming `range`.
    public var discoveryAllowedRanges: ScanRange?
    /// Who may read `GET /metrics`: loopback clients or a `metrics:read` token (default), a token only, or nobody.
    public var metricsAccess: MetricsAccess = .loopback

    /// Every key, as written in a config file; the flag is `--key-with-dashes`, the variable `ENABLEDRM_KEY`.
    public enum Key: String, Sendable, CaseIterable {
        case databaseURL = "database_url"
        case host
        case port
        case dataDirectory = "data_dir"
        case secretKey = "secret_key"
        case logLevel = "log_level"
        case logFormat = "log_format"
        case adminUsername = "admin_username"
        case adminPassword = "admin_password"
        case workerSlots = "worker_slots"
        case workerLeaseSeconds = "worker_lease_seconds"
        case trustedProxies = "trusted_proxies"
        case discoveryAllowedRanges = "discovery_allowed_ranges"
        case metricsAccess = "metrics_access"

        /// The environment variable of this key.
        public var environmentName: String { "ENABLEDRM_" + rawValue.uppercased() }
        /// The command-line flag of this key.
        public var flagName: String { "--" + rawValue.replacingOccurrences(of: "_", with: "-") }
        /// Secrets are never echoed back in errors or logs.
        public var isSecret: Bool { self == .secretKey || self == .adminPassword }
    }

    /// The default SQLite file inside `dataDirectory`.
    public static func defaultDatabaseURL(dataDirectory: String) -> DatabaseURL {
        .sqlite(path: dataDirectory + "/enabledrm.sqlite")
    }
}
