import Foundation
public import SQLKit

/// Applies the migration chain to a database, one transaction per migration, and records the revision in
/// `alembic_version`. On PostgreSQL an advisory lock keeps two processes from migrating at once.
public struct Migrator: Sendable {
    public let database: any SQLDatabase
    public let chain: MigrationChain
    /// The schema the chain arrives at; `db upgrade --repair` at head repairs towards it.
    public let declared: DatabaseSchema
    /// The `pg_advisory_lock` key that serialises migrators on one PostgreSQL database ("ENDRM\0").
    static let lockKey = 0x454E_4452_4D00 as Int64

    public init(database: any SQLDatabase, chain: MigrationChain = .enableDRM, declared: DatabaseSchema = .declared) {
        self.database = database
        self.chain = chain
        self.declared = declared
    }

    /// The revision recorded in the database; `nil` when it has none (base).
    public func currentRevision() async throws -> String? {
        try await Self.currentRevision(on: database)
    }

    /// Applies the migrations up to `target` and returns the ones applied.
    @discardableResult
    public func upgrade(to target: RevisionTarget = .head) async throws -> [Migration] {
        try await locked { db in
            if let current = try await Self.currentRevision(on: db), SchemaCheck.originalRevisions.contains(current) {
                try await adopt(from: current, on: db)
            }
            let end = try endPosition(for: target, current: try await Self.currentRevision(on: db))
            var applied: [Migration] = []
            while true {
                let current = try await Self.currentRevision(on: db)
                let next = try position(after: current)
                guard next <= end else { return applied }
                let migration = chain.migrations[next]
                let before = try chain.schema(at: current)
                guard
                    try await run(
                        migration.revision, migration.up, from: before, expecting: current,
                        recording: migration.revision, on: db)
                else { continue }
                applied.append(migration)
            }
        }
    }

    /// Reverts the migrations above `target` (newest first) and returns the ones reverted.
    @discardableResult
    public func downgrade(to target: RevisionTarget) async throws -> [Migration] {
        try await locked { db in
            let keep = try endPosition(for: target, current: try await Self.currentRevision(on: db))
            var reverted: [Migration] = []
            while true {
                guard let current = try await Self.currentRevision(on: db) else { return reverted }
                guard let top = chain.position(of: current) else { throw MigrationError.unknownRevision(current) }
                guard top > keep else { return reverted }
                let migration = chain.migrations[top]
                let below = previous(of: current)
                let down = try migration.downOperations(before: try chain.schema(at: below))
                let state = try chain.schema(at: current)
                guard try await run(current, down, from: state, expecting: current, recording: below, on: db) else {
                    continue
                }
                reverted.append(migration)
            }
        }
    }

    // MARK: - Steps

    static func currentRevision(on db: any SQLDatabase) async throws -> String? {
        let exists =
            switch db.schemaDialect {
            case .postgres:
                "SELECT count(*) AS n FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'alembic_version'"
            case .sqlite: "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'alembic_version'"
            }
        guard try await db.rows(exists).first?.decode(column: "n", as: Int.self) ?? 0 > 0 else { return nil }
        return try await recordedRevision(on: db)
    }

    /// The revision in `alembic_version`, which must exist.
    static func recordedRevision(on db: any SQLDatabase) async throws -> String? {
        try await db.rows("SELECT version_num FROM alembic_version").first?.decode(
            column: "version_num", as: String.self)
    }

    func previous(of revision: String) -> String? {
        guard let position = chain.position(of: revision), position > 0 else { return nil }
        return chain.migrations[position - 1].revision
    }

    /// The index of the first migration above `current`.
    func position(after current: String?) throws -> Int {
        guard let current else { return 0 }
        guard let position = chain.position(of: current) else { throw MigrationError.unknownRevision(current) }
        return position + 1
    }

    /// The index of the last migration that `target` keeps applied (-1 for base).
    func endPosition(for target: RevisionTarget, current: String?) throws -> Int {
        let currentPosition = try position(after: current) - 1
        switch target {
        case .head: return chain.migrations.count - 1
        case .base: return -1
        case .relative(let steps):
            let end = currentPosition + steps
            guard (-1..<chain.migrations.count).contains(end) else {
                throw MigrationError.noSuchTarget(target.description)
            }
            return end
        case .revision(let revision):
            guard let position = chain.position(of: revision) else { throw MigrationError.noSuchTarget(revision) }
            return position
        }
    }

    /// Runs `body` on one connection, holding the migration lock on PostgreSQL.
    func locked<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await database.withSession { db in
            guard db.schemaDialect == .postgres else { return try await body(db) }
            try await db.execute("SELECT pg_advisory_lock(\(Self.lockKey))")
            do {
                let result = try await body(db)
                try await db.execute("SELECT pg_advisory_unlock(\(Self.lockKey))")
                return result
            } catch {
                try? await db.execute("SELECT pg_advisory_unlock(\(Self.lockKey))")
                throw error
            }
        }
    }

    /// The SQL of `operations` applied in order to `schema`, and the schema they leave.
    ///
    /// When they change a table and `schema` has views, every view is dropped first and the views of the schema
    /// they leave are created last: PostgreSQL refuses to change a column a view reads, and SQLite to rename a
    /// rebuilt table under a view. The view operations themselves then only change which views come back.
    static func render(
        _ operations: [SchemaOperation], from schema: DatabaseSchema, dialect: SchemaDialect
    ) throws -> (statements: [String], schema: DatabaseSchema) {
        let renderer = SQLRenderer(dialect)
        let rebuildsViews = !schema.views.isEmpty && operations.contains { $0.tableName != nil }
        var state = schema
        var statements = rebuildsViews ? schema.views.reversed().map { "DROP VIEW \(renderer.quote($0.name))" } : []
        for operation in operations {
            switch operation {
            case .createView where rebuildsViews, .dropView where rebuildsViews: break
            default: statements += try renderer.statements(for: operation, in: state)
            }
            try state.apply(operation)
        }
        if rebuildsViews { statements += state.views.map(renderer.createView) }
        return (statements, state)
    }

    /// Runs `operations` in one transaction and records `newRevision` (or none) as the current one.
    /// Returns `false`, having changed nothing, when the database is no longer at `expected`: another process
    /// migrated it meanwhile (SQLite has no advisory lock; its write lock is only taken by the transaction).
    func run(
        _ revision: String, _ operations: [SchemaOperation], from schema: DatabaseSchema,
        expecting expected: String?, recording newRevision: String?, on db: any SQLDatabase
    ) async throws -> Bool {
        var (statements, state) = try Self.render(operations, from: schema, dialect: db.schemaDialect)
        if state.table("alembic_version") != nil {
            statements.append("DELETE FROM alembic_version")
            if let newRevision {
                statements.append("INSERT INTO alembic_version (version_num) VALUES ('\(newRevision)')")
            }
        }
        let sqlite = db.schemaDialect == .sqlite
        // SQLite rebuilds tables: foreign keys must be off, and that can only change outside a transaction.
        if sqlite { try await db.execute("PRAGMA foreign_keys = OFF") }
        try await db.execute(sqlite ? "BEGIN IMMEDIATE" : "BEGIN")
        var current = ""
        do {
            guard try await Self.currentRevision(on: db) == expected else {
                try await db.execute("ROLLBACK")
                if sqlite { try await db.execute("PRAGMA foreign_keys = ON") }
                return false
            }
            for statement in statements {
                current = statement
                try await db.execute(statement)
            }
            if sqlite, let violation = try await db.rows("PRAGMA foreign_key_check").first {
                let table = (try? violation.decode(column: "table", as: String.self)) ?? "?"
                throw MigrationError.foreignKeyViolation(revision: revision, table: table)
            }
            try await db.execute("COMMIT")
        } catch {
            try? await db.execute("ROLLBACK")
            if sqlite { try? await db.execute("PRAGMA foreign_keys = ON") }
            if error is MigrationError { throw error }
            throw MigrationStatementError(
                revision: revision, statement: current, underlying: SQLErrorText.describe(error))
        }
        if sqlite { try await db.execute("PRAGMA foreign_keys = ON") }
        return true
    }
}
