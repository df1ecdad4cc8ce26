import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// Schema operations beyond the baseline, on a small chain of their own: each dialect renders them, the data
/// survives, and a failing migration rolls back whole.
@Suite struct MigratorTransactionTests {
    static let widgets = Table(
        "widgets",
        columns: [
            Column("id", .serial),
            Column("name", .varchar(50), null: false),
            Column("enabled", .integer, null: false, default: .int(1)),
            Column("settings", .text),
        ],
        primaryKey: PrimaryKey("widgets_pkey", ["id"]),
        indexes: [Index("idx_widgets_name", ["name"])]
    )
    static let version = Table(
        "alembic_version", columns: [Column("version_num", .varchar(32), null: false)],
        primaryKey: PrimaryKey("alembic_version_pkc", ["version_num"])
    )

    static func chain(_ extra: Migration...) throws -> MigrationChain {
        try MigrationChain([Migration("a1", "widgets", up: [.createTable(version), .createTable(widgets)])] + extra)
    }

    @Test("type changes with casts, new columns and constraints keep every row", arguments: SchemaDialect.allCases)
    func alterOperationsKeepData(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect, migrated: false) { database in
            let chain = try Self.chain(
                Migration(
                    "a2", "retype",
                    up: [
                        .alterColumnType(
                            table: "widgets", column: "enabled", to: .boolean,
                            using: .init(postgres: "(enabled <> 0)", sqlite: "(enabled <> 0)")
                        ),
                        .setDefault(table: "widgets", column: "enabled", .bool(true)),
                        .alterColumnType(
                            table: "widgets", column: "settings", to: .jsonb, using: .init(postgres: "settings::jsonb")),
                        .addColumn(table: "widgets", Column("color", .varchar(7), default: .literal("#ffffff"))),
                        .addCheck(
                            table: "widgets",
                            CheckConstraint(
                                "ck_widgets_name", postgres: "((length((name)::text) > 0))", sqlite: "length(name) > 0")
                        ),
                    ], down: [])
            )
            let migrator = Migrator(database: database.sql, chain: chain)
            try await migrator.upgrade(to: .revision("a1"))
            try await database.sql.raw(
                #"INSERT INTO widgets (name, enabled, settings) VALUES ('a', 0, '{"x": 1}'), ('b', 2, NULL)"#
            ).run()

            try await migrator.upgrade()

            let rows = try await database.sql.raw("SELECT name, enabled, color FROM widgets ORDER BY name").all()
            #expect(try rows.map { try $0.decode(column: "name", as: String.self) } == ["a", "b"])
            #expect(try rows.map { try $0.decode(column: "enabled", as: Bool.self) } == [false, true])
            #expect(try rows.map { try $0.decode(column: "color", as: String.self) } == ["#ffffff", "#ffffff"])
            let live = try await database.sql.introspectSchema()
            let differences = SchemaComparator(dialect).differences(expected: try chain.headSchema(), found: live)
            #expect(differences == [], "\(differences)")
        }
    }

    @Test("a migration that fails leaves the database as it was", arguments: SchemaDialect.allCases)
    func failedMigrationRollsBack(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect, migrated: false) { database in
            let chain = try Self.chain(
                Migration(
                    "a2", "broken",
                    up: [
                        .createTable(
                            Table(
                                "gadgets", columns: [Column("id", .serial)],
                                primaryKey: PrimaryKey("gadgets_pkey", ["id"]))),
                        .sql(postgres: "INSERT INTO no_such_table VALUES (1)", sqlite: nil),
                    ]))
            let migrator = Migrator(database: database.sql, chain: chain)
            try await migrator.upgrade(to: .revision("a1"))

            await #expect(throws: MigrationStatementError.self) { try await migrator.upgrade() }

            #expect(try await migrator.currentRevision() == "a1")
            #expect(try await database.sql.introspectSchema().table("gadgets") == nil)
        }
    }

    @Test("downgrade by steps and to a revision", arguments: SchemaDialect.allCases)
    func downgradeTargets(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect, migrated: false) { database in
            let chain = try Self.chain(
                Migration("a2", "color", up: [.addColumn(table: "widgets", Column("color", .text))]),
                Migration("a3", "index", up: [.createIndex(table: "widgets", Index("idx_widgets_color", ["color"]))])
            )
            let migrator = Migrator(database: database.sql, chain: chain)
            try await migrator.upgrade()

            let stepped = try await migrator.downgrade(to: .relative(-1))
            #expect(stepped.map(\.revision) == ["a3"])
            #expect(try await migrator.currentRevision() == "a2")
            try await migrator.downgrade(to: .revision("a1"))
            #expect(try await migrator.currentRevision() == "a1")
            #expect(try await database.sql.introspectSchema().table("widgets")?.column("color") == nil)
            await #expect(throws: MigrationError.noSuchTarget("-5")) { try await migrator.downgrade(to: .relative(-5)) }
        }
    }
}
