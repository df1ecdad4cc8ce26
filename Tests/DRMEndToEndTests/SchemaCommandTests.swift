import DRMSchema
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// `db check`, `db revision --autogenerate`, `db upgrade --repair` and `db report` as a user runs them.
@Suite struct SchemaCommandTests {
    /// The revision at head, and the numbers `db revision` gives the next two migrations.
    static let head = MigrationChain.enableDRM.head!
    static let next = String(format: "%04d", Int(head)! + 1)
    static let after = String(format: "%04d", Int(head)! + 2)

    static func cli(_ database: TestDatabase) throws -> CLIProcess {
        try CLIProcess(
            workingDirectory: FileManager.default.temporaryDirectory.path
                + "/enabledrm-schema-\(UUID().uuidString.prefix(8))",
            environment: ["ENABLEDRM_DATABASE_URL": database.urlString]
        )
    }

    /// A copy of the migration registry for `db revision` to write next to.
    static func migrationsDirectory(in cli: CLIProcess) throws -> String {
        let directory = cli.workingDirectory + "/Migrations"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/DRMSchema/Migrations/Migrations.swift")
        try FileManager.default.copyItem(atPath: source.path, toPath: directory + "/Migrations.swift")
        return directory
    }

    @Test("drift → revision --autogenerate → upgrade --repair → check exits 0", arguments: SchemaDialect.allCases)
    func driftRoundTrip(dialect: SchemaDialect) async throws {
        let database = try await TestDatabase.migrated(dialect)
        let cli = try Self.cli(database)
        let migrations = try Self.migrationsDirectory(in: cli)
        for statement in [
            "ALTER TABLE users ADD COLUMN nickname text", "DROP INDEX idx_jobs_status",
            "CREATE INDEX ix_jobs_status ON jobs (status)",
        ] {
            try await database.sql.raw(SQLQueryString(statement)).run()
        }

        let drifted = try await cli.run("db", "check")
        let json = try await cli.run("db", "check", "--format", "json")
        let revision = try await cli.run(
            "db", "revision", "-m", "repair drift", "--autogenerate", "--migrations-dir", migrations)
        let repair = try await cli.run("db", "upgrade", "--repair")
        let aligned = try await cli.run("db", "check")
        let empty = try await cli.run(
            "db", "revision", "-m", "nothing", "--autogenerate", "--migrations-dir", migrations)
        await database.close()

        #expect(drifted.status == 1)
        #expect(drifted.stdout.contains("extra_column users.nickname: expected nothing, found text"))
        #expect(
            drifted.stdout.contains(
                "naming jobs(status) idx_jobs_status: expected idx_jobs_status, found ix_jobs_status"))
        #expect(json.status == 1)
        let report = try JSONDecoder().decode(CheckJSON.self, from: Data(json.stdout.utf8))
        #expect(report.status == "current")
        #expect(report.differences.map(\.category).sorted() == ["extra_column", "naming"])
        let naming = report.differences.first { $0.category == "naming" }
        #expect(naming?.table == "jobs" && naming?.columns == ["status"] && naming?.name == "idx_jobs_status")
        let extra = report.differences.first { $0.category == "extra_column" }
        #expect(extra?.table == "users" && extra?.columns == ["nickname"] && extra?.name == nil)
        #expect(revision.status == 0, "\(revision.stderr)")
        let written = try String(contentsOfFile: migrations + "/\(Self.next)_RepairDrift.swift", encoding: .utf8)
        #expect(written.contains(#".dropColumn(table: "users", column: "nickname")"#))
        #expect(written.contains(#".createIndex(table: "jobs", Index("idx_jobs_status", ["status"]))"#))
        #expect(
            written.contains(#".addColumn(table: "users", Column("nickname", .text))"#), "the reverse is written too")
        let registry = try String(contentsOfFile: migrations + "/Migrations.swift", encoding: .utf8)
        #expect(
            registry.contains(".m\(Self.head),\n") && registry.contains(".m\(Self.next)\n"),
            "registered last: \(registry)")
        #expect(written.contains("// create_index jobs(status) idx_jobs_status\n"), "comments name table and columns")
        #expect(written.contains("// drop_index jobs(status) ix_jobs_status\n"))
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(
            repair.stdout.contains(
                "repaired naming jobs(status) idx_jobs_status: expected idx_jobs_status, found ix_jobs_status"))
        #expect(aligned.status == 0, "\(aligned.stdout)")
        #expect(aligned.stdout.contains("no drift"))
        #expect(empty.stdout.contains("no changes"))
        #expect(!FileManager.default.fileExists(atPath: migrations + "/\(Self.after)_Nothing.swift"))
    }

    @Test func autogenerateRefusesToDropData() async throws {
        let database = try await TestDatabase.migrated(.sqlite)
        let cli = try Self.cli(database)
        let migrations = try Self.migrationsDirectory(in: cli)
        try await database.sql.raw("ALTER TABLE users ADD COLUMN nickname text").run()
        try await database.sql.raw(
            "INSERT INTO users (username, email, password_hash, nickname) VALUES ('a', 'a@x', 'h', 'al')"
        ).run()

        let refused = try await cli.run(
            "db", "revision", "-m", "drop it", "--autogenerate", "--migrations-dir", migrations)
        let writtenWhenRefused = FileManager.default.fileExists(atPath: migrations + "/\(Self.next)_DropIt.swift")
        let repair = try await cli.run("db", "upgrade", "--repair")
        let allowed = try await cli.run(
            "db", "revision", "-m", "drop it", "--autogenerate", "--allow-data-loss", "--migrations-dir", migrations)
        await database.close()

        #expect(refused.status == 1)
        #expect(refused.stderr.contains("dropping users.nickname would lose the values of 1 rows"), "\(refused.stderr)")
        #expect(!writtenWhenRefused)
        #expect(repair.status == 1)
        #expect(repair.stderr.contains("dropping users.nickname would lose the values of 1 rows"))
        #expect(allowed.status == 0)
        #expect(FileManager.default.fileExists(atPath: migrations + "/\(Self.next)_DropIt.swift"))
    }

    @Test func checkReportsRevisionsBehindAndUnknown() async throws {
        let database = try await TestDatabase.migrated(.sqlite)
        let cli = try Self.cli(database)

        try await database.sql.raw("UPDATE alembic_version SET version_num = '9999'").run()
        let unknown = try await cli.run("db", "check")
        try await database.sql.raw("DELETE FROM alembic_version").run()
        let unversioned = try await cli.run("db", "check")
        await database.close()
        let unreachable = try await CLIProcess(workingDirectory: cli.workingDirectory)
            .run("db", "check", "--database-url", "postgres://x@127.0.0.1:\(try FreePort.find())/db")

        #expect(unknown.status == 1)
        #expect(unknown.stdout.hasPrefix("revision 9999 is unknown to this EnableDRM"))
        #expect(unversioned.status == 1)
        #expect(unversioned.stdout.hasPrefix("no revision recorded, but tables exist"))
        #expect(unreachable.status == 2, "can't run: \(unreachable.stderr)")
    }

    @Test func reportWritesASelfContainedPage() async throws {
        let database = try await TestDatabase.migrated(.postgres)
        let cli = try Self.cli(database)

        let html = try await cli.run("db", "report", "--format", "html", "-o", cli.workingDirectory + "/report.html")
        let text = try await cli.run("db", "report")
        await database.close()

        #expect(html.status == 0, "\(html.stderr)")
        let page = try String(contentsOfFile: cli.workingDirectory + "/report.html", encoding: .utf8)
        #expect(page.contains("<h2>Foreign keys without an index</h2>"))
        #expect(!page.contains("<script"), "no scripts, no external assets")
        #expect(!page.contains("http"))
        #expect(text.stdout.contains("Tables (41):"))
    }
}

/// The fields of `db check --format json` that the tests read.
struct CheckJSON: Decodable {
    struct Difference: Decodable {
        var category: String
        var table: String?
        var columns: [String]?
        var name: String?
    }
    var status: String
    var differences: [Difference]
}

extension SchemaCommandTests {
    @Test(
        "views: check names them, autogenerate writes them, repair restores the declared ones",
        arguments: SchemaDialect.allCases)
    func viewsRoundTrip(dialect: SchemaDialect) async throws {
        let database = try await TestDatabase.migrated(dialect)
        let cli = try Self.cli(database)
        let migrations = try Self.migrationsDirectory(in: cli)
        for statement in [
            "DROP VIEW analytics_summary", "DROP VIEW target_performance_summary",
            "CREATE VIEW target_performance_summary AS SELECT t.id AS target_id FROM universal_targets t",
            "CREATE VIEW mine AS SELECT id FROM users",
        ] {
            try await database.sql.raw(SQLQueryString(statement)).run()
        }

        let drifted = try await cli.run("db", "check")
        let json = try await cli.run("db", "check", "--format", "json")
        let revision = try await cli.run(
            "db", "revision", "-m", "views", "--autogenerate", "--migrations-dir", migrations)
        let repair = try await cli.run("db", "upgrade", "--repair")
        let repaired = try await cli.run("db", "check")
        let views = try await database.sql.introspectSchema().views.map(\.name)
        await database.close()

        #expect(drifted.status == 1)
        #expect(drifted.stdout.contains("missing_view analytics_summary\n"), "\(drifted.stdout)")
        #expect(
            drifted.stdout.contains(
                "changed_view target_performance_summary: expected SELECT t.id AS target_id, t.name AS target_name, "))
        #expect(drifted.stdout.contains(" found SELECT t.id AS target_id FROM universal_targets t\n"))
        #expect(drifted.stdout.contains("extra_view mine: expected nothing, found SELECT "))
        let report = try JSONDecoder().decode(CheckJSON.self, from: Data(json.stdout.utf8))
        #expect(report.differences.map(\.category) == ["missing_view", "changed_view", "extra_view"])
        #expect(report.differences.map(\.name) == ["analytics_summary", "target_performance_summary", "mine"])
        #expect(revision.status == 0, "\(revision.stderr)")
        let written = try String(contentsOfFile: migrations + "/\(Self.next)_Views.swift", encoding: .utf8)
        #expect(
            written.contains(#".createView(DatabaseView("analytics_summary", postgres: "SELECT date(e.created_at)"#))
        #expect(written.contains(#"sqlite: "SELECT date(e.created_at, 'unixepoch') AS execution_date,\n"#))
        #expect(written.contains(#".dropView("target_performance_summary")"#))
        #expect(written.contains(#".createView(DatabaseView("target_performance_summary""#))
        #expect(written.contains("// drop_view mine\n"))
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("repaired missing_view analytics_summary\n"))
        #expect(repair.stdout.contains("repaired changed_view target_performance_summary: "))
        #expect(repair.stdout.contains("left as it is: extra_view mine: "), "\(repair.stdout)")
        #expect(repaired.status == 1, "someone's own view stays, and is still reported")
        #expect(repaired.stdout.hasPrefix("revision \(Self.head) (head)\nextra_view mine: "), "\(repaired.stdout)")
        #expect(views.sorted() == ["analytics_summary", "mine", "target_performance_summary"])
    }
}
