public import DRMCore
public import FluentKit
public import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
public import Logging
import NIOSSL

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

    /// The most connections the pool opens: per event loop (one on SQLite, four on PostgreSQL) times the loops.
    public var poolSize: Int {
        let perLoop = if case .sqlite = url { 1 } else { DatabaseFactory.postgresConnectionsPerLoop }
        return perLoop * MultiThreadedEventLoopGroup.singleton.makeIterator().reduce(0) { count, _ in count + 1 }
    }

    /// Closes every connection.
    public func shutdown() async {
        await databases.shutdownAsync()
    }
}
