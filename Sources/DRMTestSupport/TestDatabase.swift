public import DRMCore
public import DRMSchema
public import DRMStore
import Foundation
public import SQLKit

/// A fresh, empty database of either dialect for one test, dropped or deleted by ``close()``.
public final class TestDatabase: Sendable {
    public let dialect: SchemaDialect
    public let handle: DatabaseHandle
    let cleanup: @Sendable () async -> Void

    init(dialect: SchemaDialect, handle: DatabaseHandle, cleanup: @escaping @Sendable () async -> Void) {
        self.dialect = dialect
        self.handle = handle
        self.cleanup = cleanup
    }

    /// The database for hand-written SQL.
    public var sql: any SQLDatabase { handle.sql }

    /// The database's URL, for commands run against it.
    public var url: DatabaseURL { handle.url }

    /// The URL as `--database-url` takes it, password included.
    public var urlString: String {
        switch url {
        case .sqlite(let path): "sqlite://\(path)"
        case .postgres(let location):
            "postgres://\(location.username):\(location.password ?? "")@\(location.host):\(location.port)/\(location.database)"
        }
    }

    /// An empty database (no schema).
    public static func empty(_ dialect: SchemaDialect, template: String? = nil) async throws -> TestDatabase {
        switch dialect {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.path + "/enabledrm-test-\(UUID().uuidString).sqlite"
            return TestDatabase(dialect: .sqlite, handle: try DatabaseHandle(url: .sqlite(path: path))) {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    try? FileManager.default.removeItem(atPath: path + suffix)
                }
            }
        case .postgres:
            let cluster = try await PostgresCluster.shared()
            let name = "test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
            // PostgreSQL refuses to copy a template while another session is in it (SQLSTATE 55006, e.g. a
            // concurrent CREATE DATABASE from the same template): wait and try again.
            var attempt = 0
            while true {
                do {
                    try await cluster.administer([
                        "CREATE DATABASE \(name)" + (template.map { " TEMPLATE \($0)" } ?? "")
                    ])
                    break
                } catch {
                    attempt += 1
                    guard attempt < 20, String(reflecting: error).contains("55006") else {
                        throw TestDatabaseError(underlying: error)
                    }
                    try await Task.sleep(for: .milliseconds(100 * attempt))
                }
            }
            return TestDatabase(dialect: .postgres, handle: try DatabaseHandle(url: cluster.url(database: name))) {
                try? await cluster.administer(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
            }
        }
    }

    /// A database migrated to head. On PostgreSQL it is a copy of a template migrated once per test run.
    public static func migrated(_ dialect: SchemaDialect) async throws -> TestDatabase {
        if dialect == .postgres {
            let template = try await SharedCluster.instance.migratedTemplate()
            return try await empty(.postgres, template: template)
        }
        let database = try await empty(dialect)
        do {
            try await Migrator(database: database.sql).upgrade()
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    /// Closes the connections and removes the database.
    public func close() async {
        await handle.shutdown()
        await cleanup()
    }

    /// Runs `body` with a fresh database and removes it afterwards, even when `body` throws.
    public static func with<T: Sendable>(
        _ dialect: SchemaDialect, migrated: Bool = true, _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        let database = migrated ? try await Self.migrated(dialect) : try await empty(dialect)
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw TestDatabaseError(underlying: error)
        }
    }
}
