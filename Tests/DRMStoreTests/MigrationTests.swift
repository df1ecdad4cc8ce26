import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// The migration chain against real SQLite and PostgreSQL databases.
@Suite struct MigrationTests {
    @Test("upgrade base→head creates exactly the declared schema", arguments: SchemaDialect.allCases)
    func upgradeCreatesDeclaredSchema(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect, migrated: false) { database in
            let migrator = Migrator(database: database.sql)
            #expect(try await migrator.currentRevision() == nil)

            let applied = try await migrator.upgrade()

            #expect(applied.map(\.revision) == MigrationChain.enableDRM.migrations.map(\.revision))
            #expect(try await migrator.currentRevision() == MigrationChain.enableDRM.head)
            let live = try await database.sql.introspectSchema()
            let declared = DatabaseSchema.declared
            #expect(live.tables.count == 41)
            #expect(Set(live.tables.map(\.name)) == Set(declared.tables.map(\.name)))
            let differences = SchemaComparator(dialect).differences(expected: declared, found: live)
            #expect(differences == [], "\(differences.map(\.description).joined(separator: "\n"))")
        }
    }

    @Test("head→base→head round-trips to the same schema", arguments: SchemaDialect.allCases)
    func roundTrip(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let migrator = Migrator(database: database.sql)
            let atHead = try await database.sql.introspectSchema()

            let reverted = try await migrator.downgrade(to: .base)
            let empty = try await database.sql.introspectSchema()
            try await migrator.upgrade()
            let again = try await database.sql.introspectSchema()

            #expect(reverted.count == MigrationChain.enableDRM.migrations.count)
            #expect(try await migrator.currentRevision() == MigrationChain.enableDRM.head)
            #expect(empty.tables.isEmpty)
            #expect(empty.enums.isEmpty)
            #expect(SchemaComparator(dialect).differences(expected: atHead, found: again) == [])
        }
    }

    @Test(
        "every foreign-key column of the live database is the leading column of an index",
        arguments: SchemaDialect.allCases)
    func foreignKeysAreIndexed(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let live = try await database.sql.introspectSchema()
            let declared = DatabaseSchema.declared.tables.flatMap(\.foreignKeys)
            #expect(live.tables.flatMap(\.foreignKeys).count == declared.count)
            for table in live.tables {
                let covering =
                    table.indexes.map(\.columns) + table.uniques.map(\.columns) + [table.primaryKey?.columns ?? []]
                for key in table.foreignKeys {
                    #expect(
                        covering.contains { Array($0.prefix(key.columns.count)) == key.columns },
                        "\(key.name) has no index")
                }
            }
        }
    }

    @Test("drift in a live database is reported by category and object", arguments: SchemaDialect.allCases)
    func driftIsDetected(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            try await database.sql.raw("ALTER TABLE users ADD COLUMN nickname text").run()
            try await database.sql.raw("DROP INDEX idx_jobs_status").run()
            try await database.sql.raw("CREATE INDEX ix_jobs_status ON jobs (status)").run()

            let live = try await database.sql.introspectSchema()
            let differences = SchemaComparator(dialect).differences(expected: DatabaseSchema.declared, found: live)

            #expect(
                differences.contains(
                    SchemaDifference(.extraColumn, table: "users", columns: ["nickname"], found: "text")))
            #expect(
                differences.contains {
                    $0.category == .naming && $0.expected == "idx_jobs_status" && $0.found == "ix_jobs_status"
                })
            #expect(differences.count == 2)
        }
    }

    @Test(
        "concurrent upgrades from two connections apply each migration once",
        arguments: [SchemaDialect.postgres, .sqlite])
    func concurrentUpgrades(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect, migrated: false) { database in
            let second = try DatabaseHandle(url: database.url)
            async let first = outcome { try await Migrator(database: database.sql).upgrade() }
            async let other = outcome { try await Migrator(database: second.sql).upgrade() }
            let outcomes = await [first, other]
            await second.shutdown()
            let results = try outcomes.map { try $0.get() }

            // Between them they apply every migration exactly once, in order (which of the two applies which
            // depends on who gets the lock first for each one).
            let applied = results.flatMap { $0.map(\.revision) }.sorted()
            #expect(applied == MigrationChain.enableDRM.migrations.map(\.revision))
            #expect(try await Migrator(database: database.sql).currentRevision() == MigrationChain.enableDRM.head)
        }
    }
}

/// Catches an error as a value, so that cleanup runs before it is thrown.
func outcome<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
