import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import Fluent
import Foundation
import NIOFoundationEssentialsCompat
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// Issue #12 item 17: a read-only or full data directory. The directory is a small tmpfs of its own (mounted for
/// the test, so the disk really fills and the file system really is read-only), holding the SQLite database.
@Suite(.serialized) struct DataDirectoryTests {
    /// Mounting needs root (the tests run as root, in a mount namespace of their own under `inwt` and CI).
    static let canMount: Bool = {
        guard getuid() == 0, let probe = try? TemporaryDirectory.make(prefix: "drm-mount-probe") else { return false }
        defer { _ = try? Shell.run("umount -l \(probe)") }
        return (try? Shell.run("mount -t tmpfs -o size=64k tmpfs \(probe)")) != nil
    }()

    static let body =
        #"{"name": "n-1", "communication_methods": [{"method_type": "ssh", "config": {"host": "10.4.0.1"}}]}"#

    /// A tmpfs of `size` at a new directory, for `body`; unmounted after it.
    static func withTmpfs(size: String, _ body: (String) async throws -> Void) async throws {
        let directory = try TemporaryDirectory.make(prefix: "drm-data")
        try Shell.run("mount -t tmpfs -o size=\(size),mode=0700 tmpfs \(directory)")
        do {
            try await body(directory)
        } catch {
            _ = try? Shell.run("umount -l \(directory)")
            throw error
        }
        try Shell.run("umount -l \(directory)")
    }

    /// An application whose data directory (and SQLite database) is `directory`; unless `token` is given (a session
    /// of an earlier application on it), migrated to head with an administrator, whose token `body` gets.
    static func withApp(
        dataDirectory directory: String, token: String? = nil, _ body: (Application, String) async throws -> Void
    ) async throws {
        let config = try AppConfig.load(
            flags: [.dataDirectory: directory, .secretKey: Data(repeating: 7, count: 32).base64EncodedString()],
            workingDirectory: directory)
        let environment = try AppEnvironment.open(config, hasher: .bcrypt)
        let app = try await Application.make(.testing)
        do {
            if token == nil { _ = try await environment.migrator.upgrade() }
            try await configure(app, environment)
            // The tests read and write the database through `app.db`; the application itself never does.
            app.databases.use(environment.handle.lent, as: .main, isDefault: true)
            if let token {
                try await body(app, token)
            } else {
                try await body(app, try await UsersAPITests.adminToken(app))
            }
        } catch {
            try await app.asyncShutdown()
            await environment.shutdown()
            throw error
        }
        try await app.asyncShutdown()
        await environment.shutdown()
    }

    static func get(_ app: Application, _ path: String, token: String? = nil) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await app.testing().test(
            .GET, path,
            beforeRequest: { request in
                if let token { request.headers.bearerAuthorization = BearerAuthorization(token: token) }
            }, afterResponse: { result = $0 })
        return try #require(result)
    }

    @Test(
        "a full disk: /readyz is 503 naming it, a write is 507 with a clear message and leaves nothing behind",
        .enabled(if: canMount))
    func fullDisk() async throws {
        try await Self.withTmpfs(size: "4m") { directory in
            try await Self.withApp(dataDirectory: directory) { app, token in
                #expect(try await Self.get(app, "readyz").status == .ok)
                // Fill what is left; the database file keeps what it has.
                _ = try? Shell.run("dd if=/dev/zero of=\(directory)/filler bs=64k")
                let ready = try await Self.get(app, "readyz")
                #expect(ready.status == .serviceUnavailable)
                #expect(ready.body.string.contains("has no space left"), "\(ready.body.string)")

                let refused = try await TargetsAPITests.send(
                    app, .POST, "api/v1/targets", token: token, body: Self.body)
                #expect(refused.status == .insufficientStorage, "\(refused.body.string)")
                #expect(refused.body.string.contains("no space left"), "\(refused.body.string)")
                #expect(refused.body.string.contains(#""code":"insufficient_storage""#))

                try FileManager.default.removeItem(atPath: directory + "/filler")
                #expect(try await Self.get(app, "readyz").status == .ok)
                let listed = try await Self.get(app, "api/v1/targets", token: token)
                #expect(listed.body.string.contains(#""total":0"#), "nothing half-written: \(listed.body.string)")
                let created = try await TargetsAPITests.send(
                    app, .POST, "api/v1/targets", token: token, body: Self.body)
                #expect(created.status == .created, "\(created.body.string)")
            }
        }
    }

    @Test("a read-only data directory: /readyz is 503 naming it, a write is 503 (not 500)", .enabled(if: canMount))
    func readOnlyDirectory() async throws {
        try await Self.withTmpfs(size: "8m") { directory in
            var session = ""
            try await Self.withApp(dataDirectory: directory) { (app: Application, token: String) async throws in
                let ready = try await Self.get(app, "readyz")
                #expect(ready.status == .ok)
                session = token
            }
            try Shell.run("mount -o remount,ro \(directory)")
            try await Self.withApp(dataDirectory: directory, token: session) { app, token in
                let ready = try await Self.get(app, "readyz")
                #expect(ready.status == .serviceUnavailable)
                #expect(ready.body.string.contains("read-only file system"), "\(ready.body.string)")
                let refused = try await TargetsAPITests.send(
                    app, .POST, "api/v1/targets", token: token, body: Self.body)
                #expect(refused.status == .serviceUnavailable, "\(refused.body.string)")
                #expect(refused.body.string.contains("read-only"), "\(refused.body.string)")
            }
        }
    }
}
