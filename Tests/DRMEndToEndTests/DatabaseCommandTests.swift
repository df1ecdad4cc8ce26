import DRMSchema
import DRMTestSupport
import Foundation
import Testing

/// `enabledrm db …` against real databases, and the errors a user can trigger.
@Suite struct DatabaseCommandTests {
    static func cli(_ environment: [String: String] = [:]) throws -> CLIProcess {
        try CLIProcess(
            workingDirectory: FileManager.default.temporaryDirectory.path
                + "/enabledrm-cli-\(UUID().uuidString.prefix(8))",
            environment: environment
        )
    }

    @Test("only db upgrade (and serve) create a database or a key; other commands say where they looked")
    func missingDatabaseOrKeyIsRefused() async throws {
        let directory = FileManager.default.temporaryDirectory.path + "/enabledrm-cli-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cli = try CLIProcess(workingDirectory: directory, withKey: false)
        let data = URL(filePath: directory).standardizedFileURL.path + "/enabledrm-data"

        let list = try await cli.run("target", "list")
        let typo = try await cli.run("db", "current", "--database-url", "sqlite:///\(directory)/typo/x.sqlite")
        let nothingMade =
            !FileManager.default.fileExists(atPath: data)
            && !FileManager.default.fileExists(atPath: directory + "/typo")
        let upgrade = try await cli.run("db", "upgrade")
        let listed = try await cli.run("target", "list")
        try FileManager.default.removeItem(atPath: data + "/secret.key")
        let noKey = try await cli.run("user", "list")

        #expect(list.status == 1 && list.stdout.isEmpty, "\(list.stdout)")
        #expect(
            list.stderr
                == "enabledrm: error: no database at \(data)/enabledrm.sqlite; run it where the data directory is, or "
                + "point to it with --data-dir, --database-url or ENABLEDRM_DATABASE_URL (`enabledrm db upgrade` or "
                + "`enabledrm serve` creates one)\n")
        #expect(typo.status == 1 && typo.stderr.contains("no database at \(directory)/typo/x.sqlite;"), "\(typo)")
        #expect(nothingMade, "a refused command creates no directory, database or key")
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(noKey.status == 1 && noKey.stderr.hasPrefix("enabledrm: error: no secret key at \(data)/secret.key"))
        #expect(!FileManager.default.fileExists(atPath: data + "/secret.key"))
    }

    @Test("upgrade, current, history, downgrade", arguments: SchemaDialect.allCases)
    func migrationCommands(dialect: SchemaDialect) async throws {
        let database = try await TestDatabase.empty(dialect)
        let cli = try Self.cli(["ENABLEDRM_DATABASE_URL": database.urlString])
        let head = try #require(MigrationChain.enableDRM.head)

        let before = try await cli.run("db", "current")
        let upgrade = try await cli.run("db", "upgrade")
        let again = try await cli.run("db", "upgrade", "head")
        let current = try await cli.run("db", "current")
        let history = try await cli.run("db", "history")
        let downgrade = try await cli.run("db", "downgrade", "base")
        let after = try await cli.run("db", "current")
        let live = try await database.sql.introspectSchema()
        await database.close()

        #expect(before.stdout == "base (no schema)\n")
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        #expect(upgrade.stdout.contains("applied \(head)"))
        #expect(again.stdout.contains("nothing to apply"))
        #expect(current.stdout == "\(head) (head)\n")
        #expect(history.stdout.contains("0001  baseline: the 35-table ENABLEDRM schema\n"))
        #expect(history.stdout.contains("0002  audit events\n"))
        #expect(
            history.stdout.contains("\(head)  \(MigrationChain.enableDRM.migrations.last!.message)  (current, head)"))
        #expect(downgrade.status == 0, "\(downgrade.stderr)")
        #expect(after.stdout == "base (no schema)\n")
        #expect(live.tables.isEmpty)
    }

    @Test func unreachablePostgreSQLFailsFastWithOneLine() async throws {
        let port = try FreePort.find()
        let cli = try Self.cli()

        let outcome = try await cli.run(
            "db", "upgrade", "--database-url", "postgres://drm:secret@127.0.0.1:\(port)/enabledrm")

        #expect(outcome.status == 1)
        #expect(
            outcome.stderr
                == "enabledrm: error: can't connect to PostgreSQL at 127.0.0.1:\(port)/enabledrm: the connection was "
                + "refused (is PostgreSQL running and listening there?)\n", "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        #expect(!outcome.stderr.contains("secret"))
    }

    @Test func wrongPasswordFailsFastWithOneLine() async throws {
        let cluster = try await PostgresCluster.shared()
        let cli = try Self.cli()

        let outcome = try await cli.run(
            "db", "upgrade", "--database-url", "postgres://postgres:wrong-password@127.0.0.1:\(cluster.port)/postgres")

        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("password authentication failed for user \"postgres\""), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
    }

    @Test func invalidConfigurationListsEveryBadKeyAndExitsWithTwo() async throws {
        let cli = try Self.cli(["ENABLEDRM_LOG_LEVEL": "loud"])

        let outcome = try await cli.run("serve", "--port", "http", "--database-url", "mysql://x/y")

        #expect(outcome.status == 2)
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        for key in ["port (from --port)", "log_level (from ENABLEDRM_LOG_LEVEL)", "database_url (from --database-url)"]
        {
            #expect(outcome.stderr.contains(key), "\(outcome.stderr)")
        }
    }

    @Test func aConfigFileIsRead() async throws {
        let cli = try Self.cli()
        let file = cli.workingDirectory + "/enabledrm.toml"
        try "[log]\nlevel = \"shout\"\n".write(toFile: file, atomically: true, encoding: .utf8)

        let outcome = try await cli.run("db", "current", "--config", file)

        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("log_level (from \(file))"), "\(outcome.stderr)")
    }

    @Test func anUnknownRevisionIsAClearError() async throws {
        let database = try await TestDatabase.empty(.sqlite)
        let cli = try Self.cli(["ENABLEDRM_DATABASE_URL": database.urlString])

        let outcome = try await cli.run("db", "upgrade", "9999")
        await database.close()

        #expect(outcome.status == 1)
        #expect(outcome.stderr == "enabledrm: error: no revision 9999 (see `enabledrm db history`)\n")
    }

    @Test(arguments: [
        [], ["serve"], ["db"], ["db", "upgrade"], ["db", "downgrade"], ["db", "current"], ["db", "history"],
        ["version"],
    ])
    func everyCommandHasHelp(command: [String]) async throws {
        let outcome = try await CLIProcess(
            workingDirectory: FileManager.default.temporaryDirectory.path, withKey: false
        ).run(
            command + ["--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("USAGE:"), "\(command)")
    }

    @Test func versionPrintsTheVersion() async throws {
        let outcome = try await CLIProcess(
            workingDirectory: FileManager.default.temporaryDirectory.path, withKey: false
        ).run([
            "version"
        ])
        #expect(outcome.stdout.hasPrefix("enabledrm "))
    }
}
