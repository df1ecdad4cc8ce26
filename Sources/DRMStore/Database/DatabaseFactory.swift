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
                configuration: configuration, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: poolTimeout
            )
        }
    }
}

/// A database opened outside a Vapor application (by `enabledrm db …` and the tests).
public final class DatabaseHandle: Sendable {
    public let databases: Databases
    public let url: DatabaseURL
    let logger: Logger
    let eventLoop: any EventLoop

    /// Opens the database at `url`; nothing connects until the first query.
    public init(url: DatabaseURL, logger: Logger = Logger(label: "enabledrm.database")) throws {
        self.url = url
        self.logger = logger
        databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        databases.use(try DatabaseFactory.configuration(for: url), as: .main, isDefault: true)
    }

    /// A Fluent database for queries and models. Always on the same event loop, so that on SQLite every
    /// query of a command or test uses the one connection of that loop's pool and sees its own schema changes.
    public var database: any Database {
        databases.database(logger: logger, on: eventLoop)!
    }

    /// The same database for hand-written SQL.
    public var sql: any SQLDatabase {
        database as! any SQLDatabase
    }

    /// Closes every connection.
    public func shutdown() async {
        await databases.shutdownAsync()
    }
}

extension DatabaseID {
    /// The one application database.
    public static let main = DatabaseID(string: "main")
}
