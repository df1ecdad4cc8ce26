public import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Connection test of a `postgresql` method: connect with PostgresNIO, authenticate, `select version()`.
public struct PostgresProbe: ConnectionProbe {
    /// libpq's `sslmode` values.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    public var timeout: Duration
    public var logger: Logger

    public init(
        host: String, port: Int = 5432, username: String, password: String?, database: String = "postgres",
        sslMode: SSLMode = .prefer, timeout: Duration = .seconds(30),
        logger: Logger = Logger(label: "enabledrm.remote.postgres")
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.timeout = timeout
        self.logger = logger
    }

    func tls() throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return .disable
        case .allow, .prefer:
            configuration.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: configuration))
        case .require:
            // As in libpq, `require` encrypts without checking the certificate.
            configuration.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyFull:
            return .require(try NIOSSLContext(configuration: configuration))
        }
    }

    public func run() async -> ProbeResult {
        await measure(host: host, port: port) {
            var configuration = PostgresConnection.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: try tls())
            configuration.options.connectTimeout = timeout.timeAmount
            let settings = configuration
            let connection = try await withDeadline(timeout, "PostgreSQL at \(host):\(port)") {
                try await PostgresConnection.connect(configuration: settings, id: 1, logger: logger)
            }
            do {
                let version = try await withDeadline(timeout, "select version() at \(host):\(port)") {
                    let rows = try await connection.query("select version()", logger: logger)
                    var version = ""
                    for try await (text) in rows.decode(String.self) { version = text }
                    return version
                }
                try await connection.close()
                return ("PostgreSQL answered", ["version": version, "ssl_mode": sslMode.rawValue])
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }
}
