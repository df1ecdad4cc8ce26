import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// The first administrator and `enabledrm user …` against real databases.
@Suite struct UserCommandTests {
    static func scratch() -> String {
        FileManager.default.temporaryDirectory.path + "/enabledrm-users-\(UUID().uuidString.prefix(8))"
    }

    @Test func serveCreatesTheFirstAdministratorOnceAndShowsAGeneratedPasswordOnce() async throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cli = try CLIProcess(workingDirectory: directory)

        let first = try await cli.serve()
        first.stop()
        let second = try await cli.serve()
        second.stop()

        let lines = first.log.split(separator: "\n").filter {
            $0.hasPrefix("First administrator 'admin' created with password ")
        }
        #expect(lines.count == 1, "\(first.log)")
        let password = try #require(lines.first?.split(separator: " ").dropFirst(6).first).description
        #expect(PasswordPolicy.violations(of: password) == [])
        #expect(!second.log.contains("First administrator"))
        let handle = try DatabaseHandle(url: .sqlite(path: directory + "/enabledrm-data/enabledrm.sqlite"))
        let stored = try await handle.sql.raw("SELECT password_hash, role FROM users").all()
        await handle.shutdown()
        #expect(stored.count == 1)
        let hash = try stored[0].decode(column: "password_hash", as: String.self)
        #expect(hash.hasPrefix("$2b$") && !hash.contains(password), "stored as a bcrypt hash")
        #expect(try stored[0].decode(column: "role", as: String.self) == "administrator")
    }

    @Test func aConfiguredAdministratorPasswordIsUsedAndNeverPrinted() async throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let secret = "Configured-secret-42"
        let cli = try CLIProcess(
            workingDirectory: directory,
            environment: ["ENABLEDRM_ADMIN_USERNAME": "root.ops", "ENABLEDRM_ADMIN_PASSWORD": secret])

        let server = try await cli.serve()
        server.stop()

        #expect(server.log.contains("First administrator 'root.ops' created with the configured password"))
        #expect(!server.log.contains(secret))
    }

    @Test("user create, list, set-password, disable", arguments: SchemaDialect.allCases)
    func userCommands(dialect: SchemaDialect) async throws {
        let database = try await TestDatabase.migrated(dialect)
        let cli = try CLIProcess(
            workingDirectory: Self.scratch(), environment: ["ENABLEDRM_DATABASE_URL": database.urlString])

        let created = try await cli.run("user", "create", "ada", "--email", "ada@example.com", "--role", "manager")
        let duplicate = try await cli.run("user", "create", "ada", "--email", "other@example.com")
        let badEmail = try await cli.run("user", "create", "bob", "--email", "not-an-address")
        let disabled = try await cli.run("user", "disable", "ada")
        let missing = try await cli.run("user", "disable", "nobody")
        let changed = try await cli.run("user", "set-password", "ada")
        let listed = try await cli.run("user", "list")
        await database.close()

        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("created manager ada\npassword (shown once): "))
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr == "enabledrm: error: user name 'ada' is taken\n")
        #expect(badEmail.stderr == "enabledrm: error: 'not-an-address' is not an e-mail address\n")
        #expect(disabled.status == 0)
        #expect(missing.stderr == "enabledrm: error: no user 'nobody'\n")
        #expect(changed.stdout.contains("password of ada changed"))
        #expect(listed.stdout.contains("ada\tmanager\tdisabled\tada@example.com\tlast login never"))
        #expect(!listed.stdout.contains("$2b$"), "hashes are never shown")
    }
}

/// Issue #12 through the real server and CLI: `user unlock`, private data files, cookies kept out of trace logs.
@Suite struct SecurityCommandTests {
    @Test("a locked administrator is unlocked by `enabledrm user unlock`; data files are private; no cookie in logs")
    func unlockAndPrivateFiles() async throws {
        let directory = UserCommandTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let password = "Correct-horse-42"
        let cli = try CLIProcess(workingDirectory: directory, environment: ["ENABLEDRM_ADMIN_PASSWORD": password])
        let server = try await cli.serve("--log-level", "trace")
        defer { server.stop() }
        func login(_ password: String) async throws -> Int {
            try await server.send(
                "POST", "/api/v1/auth/login", headers: ["Content-Type": "application/json"],
                body: #"{"username":"admin","password":"\#(password)"}"#
            ).0
        }

        for _ in 0..<5 { #expect(try await login("wrong-password-9") == 401) }
        let locked = try await login(password)
        let unlock = try await cli.run("user", "unlock", "admin")
        let afterUnlock = try await login(password)
        let cookie = try await server.send("GET", "/healthz", headers: ["Cookie": "drm_session=SessionCookieValue42"])

        #expect(locked == 429)
        #expect(unlock.status == 0, "\(unlock.stderr)")
        #expect(unlock.stdout == "unlocked admin\n")
        #expect(afterUnlock == 200)
        #expect(cookie.0 == 200)
        #expect(!server.log.contains("SessionCookieValue42"), "cookies are redacted at every level")
        let files = FileManager.default
        let data = try files.attributesOfItem(atPath: directory + "/enabledrm-data")
        let database = try files.attributesOfItem(atPath: directory + "/enabledrm-data/enabledrm.sqlite")
        #expect((data[.posixPermissions] as? Int) == 0o700)
        #expect((database[.posixPermissions] as? Int) == 0o600)
    }
}
