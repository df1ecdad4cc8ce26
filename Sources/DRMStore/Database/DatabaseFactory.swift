public import DRMCore
public import FluentKit
public import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
public import Logging
import NIOSSL

/// Fluent configuration for a ``DatabaseURL``, shared by the server and the command-line tools.
public enum DatabaseFactory {
    /// Time allowed to reach the database before a command gives up with a clear error.
    public static let connectTimeout: TimeAmount = .seconds(15)
    /// Time a query may wait for a free pooled connection when all are busy (a busy server, not an unreachable
    /// one: that fails after ``connectTimeout``).
    public static let poolTimeout: TimeAmount = .seconds(30)

    /// The Fluent configuration for `url`. Creates the SQLite file's directory (0700) and the file itself (0600)
    /// when they are missing: the database holds password hashes and encrypted credentials, so only its owner may
    /// read it (SQLite gives its WAL and shared-memory files the database file's mode).
    /// Connections each event loop's pool opens on PostgreSQL.
    static let postgresConnectionsPerLoop = 4

    public static func configuration(for url: DatabaseURL) throws -> DatabaseConfigurationFactory {
        switch url {
        case .sqlite(let path):
            let files = FileManager.default
            let directory = (path as NSString).deletingLastPathComponent
            try files.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if !files.fileExists(atPath: path) {
                files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            return .sqlite(.file(path), connectionPoolTimeout: poolTimeout)
        case .postgres(let location):
            let tls: PostgresConnection.Configuration.TLS
            switch location.tlsMode {
            case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case "prefer": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: tls = .disable
            }
            var configuration = SQLPostgresConfiguration(
                hostname: location.host, port: location.port, username: location.username,
                password: location.password, database: location.database, tls: tls
            )
            configuration.coreConfiguration.options.connectTimeout = connectTimeout
            return .postgres(
                configuration: configuration, maxConnectionsPerEventLoop: postgresConnectionsPerLoop,
                connectionPoolTimeout: poolTimeout
            )
        }
    }
}

extension DatabaseID {
    /// The one application database.
    public static let main = DatabaseID(string: "main")
}
