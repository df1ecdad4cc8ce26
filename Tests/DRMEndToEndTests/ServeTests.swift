import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import Testing

/// `enabledrm serve` as a user runs it: a real process, real HTTP, a real database.
@Suite struct ServeTests {
    static func scratch() -> String {
        FileManager.default.temporaryDirectory.path + "/enabledrm-e2e-\(UUID().uuidString.prefix(8))"
    }

    @Test(
        "serve refuses to start on a read-only data directory, naming it (#12 item 17)",
        .enabled(if: getuid() == 0))
    func serveRefusesAReadOnlyDataDirectory() async throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = directory + "/data"
        let cli = try CLIProcess(workingDirectory: directory)
        let upgraded = try await cli.run("db", "upgrade", "--data-dir", data)
        try #require(upgraded.status == 0, "\(upgraded.stderr)")
        // A read-only bind of the directory onto itself: the files are there, nothing can be written.
        guard (try? Shell.run("mount --bind \(data) \(data) && mount -o remount,bind,ro \(data)")) != nil else {
            Issue.record("mounting needs root in a mount namespace of its own")
            return
        }
        defer { _ = try? Shell.run("umount -l \(data)") }

        let served = try await cli.run("serve", "--data-dir", data, "--port", String(try FreePort.find()))

        #expect(served.status == 1)
        #expect(served.stderr.contains("the data directory \(data) is on a read-only file system"), "\(served.stderr)")
    }

    @Test func serveWithDefaultsCreatesTheSchemaAndAnswersHealthChecks() async throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cli = try CLIProcess(workingDirectory: directory)

        let server = try await cli.serve()
        let health = try await server.get("/healthz")
        let ready = try await server.get("/readyz")
        let status = server.stop()

        #expect(health.0 == 200)
        #expect(ready.0 == 200, "\(ready.1)")
        #expect(ready.1.contains(#""revision":"\#(MigrationChain.enableDRM.head!)""#))
        #expect(status == 0, "graceful shutdown on SIGTERM: \(server.log)")
        let database = directory + "/enabledrm-data/enabledrm.sqlite"
        let handle = try DatabaseHandle(url: .sqlite(path: database))
        let tables = try await handle.sql.introspectSchema().tables.map(\.name)
        await handle.shutdown()
        #expect(tables.count == 41)
        let key = try FileManager.default.attributesOfItem(atPath: directory + "/enabledrm-data/secret.key")
        #expect((key[.posixPermissions] as? Int) == 0o600)
        let secret = try String(contentsOfFile: directory + "/enabledrm-data/secret.key", encoding: .utf8)
        #expect(
            !server.log.contains(secret.trimmingCharacters(in: .whitespacesAndNewlines)),
            "the secret key is never logged")
    }

    @Test func serveOnPostgreSQL() async throws {
        let database = try await TestDatabase.empty(.postgres)
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cli = try CLIProcess(
            workingDirectory: directory, environment: ["ENABLEDRM_DATABASE_URL": database.urlString])

        let server = try await cli.serve("--log-format", "json")
        let ready = try await server.get("/readyz")
        server.stop()
        let tables = try await database.sql.introspectSchema().tables.count
        await database.close()

        #expect(ready.0 == 200, "\(ready.1)")
        #expect(tables == 41)
        #expect(
            !server.log.contains(database.handle.url.postgresPassword ?? "-"), "the database password is never logged")
        let firstLine = try #require(server.log.split(separator: "\n").first)
        #expect(firstLine.hasPrefix("{") && firstLine.contains(#""level":"#), "JSON log lines: \(firstLine)")
    }

    @Test func readinessFailsWithTheReasonWhenTheSchemaIsBehind() async throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cli = try CLIProcess(workingDirectory: directory)
        let server = try await cli.serve()

        let downgrade = try await cli.run("db", "downgrade", "base")
        let ready = try await server.get("/readyz")
        let health = try await server.get("/healthz")
        server.stop()

        #expect(downgrade.status == 0, "\(downgrade.stderr)")
        #expect(ready.0 == 503)
        #expect(ready.1.contains("schema is at revision base"), "\(ready.1)")
        #expect(health.0 == 200, "liveness doesn't depend on the database")
    }
}

extension DatabaseURL {
    var postgresPassword: String? {
        if case .postgres(let location) = self { return location.password }
        return nil
    }
}
