import AsyncHTTPClient
import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Fluent
import FluentKit
import Foundation
import NIOFoundationEssentialsCompat
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// Issue #12's defects, each reproduced through HTTP: log-in throttling behind proxies, open redirects after
/// log-in, sessions that outlived a password change, and refresh-token rotation under concurrency.
@Suite struct SecurityHardeningTests {
    /// ``AuthTests/withApp(_:flags:_:)`` with an administrator, `root`, beside the manager `ada`.
    static func app(
        _ dialect: SchemaDialect, trustedProxies: String? = nil,
        _ body: (Application, TestDatabase) async throws -> Void
    ) async throws {
        try await AuthTests.withApp(dialect, flags: trustedProxies.map { [.trustedProxies: $0] } ?? [:]) {
            app, database in
            try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system))
                .create(username: "root", email: "root@example.com", password: AuthTests.password, role: .administrator)
            try await body(app, database)
        }
    }

    /// Serves `app` on a free loopback port while `body` runs.
    static func serving(_ app: Application, _ body: (Int) async throws -> Void) async throws {
        try await app.asyncBoot()
        let port = try FreePort.find()
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        do {
            try await body(port)
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }

    /// A log-in over a real socket from 127.0.0.1, saying it forwards for `client`. Without Vapor's tester: it gives
    /// a request 30 s, and a bcrypt log-in queued behind others took longer on a loaded 2-core machine.
    static func login(port: Int, _ password: String, forwardedFor: String) async throws -> HTTPStatus {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/auth/login")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Forwarded-For", value: forwardedFor)
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(["username": "root", "password": password])))
        return try await HTTPClient.shared.execute(request, timeout: .seconds(600)).status
    }

    @Test("one client's failures don't lock the administrator out from another; proxies only when trusted")
    func throttleBehindAProxy() async throws {
        try await Self.app(.sqlite, trustedProxies: "127.0.0.1") { app, _ in
            try await Self.serving(app) { (port: Int) async throws in
                for _ in 0..<5 {
                    #expect(
                        try await Self.login(port: port, "wrong-password-1", forwardedFor: "203.0.113.5")
                            == .unauthorized)
                }
                #expect(
                    try await Self.login(port: port, AuthTests.password, forwardedFor: "203.0.113.5")
                        == .tooManyRequests)
                #expect(try await Self.login(port: port, AuthTests.password, forwardedFor: "198.51.100.7") == .ok)
            }
        }
        try await Self.app(.sqlite) { app, _ in
            try await Self.serving(app) { (port: Int) async throws in
                for _ in 0..<5 {
                    #expect(
                        try await Self.login(port: port, "wrong-password-1", forwardedFor: "203.0.113.5")
                            == .unauthorized)
                }
                #expect(
                    try await Self.login(port: port, AuthTests.password, forwardedFor: "198.51.100.7")
                        == .tooManyRequests,
                    "an untrusted peer's X-Forwarded-For is ignored: the socket's address is the client")
            }
        }
    }

    @Test("after log-in, only a path on this site is a redirect target")
    func noOpenRedirect() async throws {
        try await Self.app(.sqlite) { app, _ in
            for next in [
                "/\\evil.example/", "/\\/evil.example", "/\t/evil.example", "//evil.example", "https://evil.example",
                "/%09/evil.example",
            ] {
                var nonce = ""
                try await app.testing().test(
                    .GET, "login", afterResponse: { nonce = $0.headers.setCookie?["drm_login"]?.string ?? "" })
                var location: String?
                try await app.testing().test(
                    .POST, "login", headers: ["Host": "127.0.0.1:8080"],
                    beforeRequest: { request in
                        request.headers.cookie = ["drm_login": .init(string: nonce)]
                        try request.content.encode(
                            ["username": "ada", "password": AuthTests.password, "_login": nonce, "next": next],
                            as: .urlEncodedForm)
                    }, afterResponse: { location = $0.headers.first(name: .location) })
                let expected = next == "/%09/evil.example" ? next : "/dashboard"
                #expect(location == expected, "next=\(next.debugDescription)")
            }
        }
    }

    @Test(
        "a password change ends the account's sessions, refresh tokens and cookies", arguments: SchemaDialect.allCases)
    func passwordChangeEndsSessions(dialect: SchemaDialect) async throws {
        try await Self.app(dialect) { app, _ in
            let ada = try AuthTests.tokens(try await AuthTests.login(app))
            let root = try AuthTests.tokens(try await AuthTests.login(app, "root"))
            let adaID = try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system))
                .find("ada").requireID()

            let change = try await AuthTests.send(
                app, .PATCH, "api/v1/users/\(adaID)", token: root.access, json: ["password": "Another-horse-77"])
            let refresh = try await AuthTests.send(
                app, .POST, "api/v1/auth/refresh", json: ["refresh_token": ada.refresh])
            let me = try await AuthTests.send(app, .GET, "api/v1/auth/me", token: ada.access)

            #expect(change.status == .ok, "\(change.body.string)")
            #expect(refresh.status == .unauthorized)
            #expect(me.status == .unauthorized, "the access token's session is gone")
            let rootMe = try await AuthTests.send(app, .GET, "api/v1/auth/me", token: root.access)
            #expect(rootMe.status == .ok, "the administrator's own session stays")
        }
    }

    @Test(
        "20 concurrent refreshes of one token: one wins; replaying a rotated token ends the session",
        arguments: SchemaDialect.allCases)
    func refreshRotation(dialect: SchemaDialect) async throws {
        try await Self.app(dialect) { app, _ in
            let burst = try AuthTests.tokens(try await AuthTests.login(app))
            let responses = try await withThrowingTaskGroup(of: TestingHTTPResponse.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await AuthTests.send(
                            app, .POST, "api/v1/auth/refresh", json: ["refresh_token": burst.refresh])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let winners = responses.filter { $0.status == .ok }
            #expect(winners.count == 1, "\(responses.map(\.status))")

            let first = try AuthTests.tokens(try await AuthTests.login(app))
            let second = try AuthTests.tokens(
                try await AuthTests.send(app, .POST, "api/v1/auth/refresh", json: ["refresh_token": first.refresh]))
            let replay = try await AuthTests.send(
                app, .POST, "api/v1/auth/refresh", json: ["refresh_token": first.refresh])
            let afterReplay = try await AuthTests.send(
                app, .POST, "api/v1/auth/refresh", json: ["refresh_token": second.refresh])
            let access = try await AuthTests.send(app, .GET, "api/v1/auth/me", token: second.access)

            #expect(replay.status == .unauthorized)
            #expect(afterReplay.status == .unauthorized, "a replayed token ends the session it was rotated in")
            #expect(access.status == .unauthorized)
        }
    }

    static func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func token(_ app: Application, _ username: String, role: UserRole) async throws -> String {
        try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system))
            .create(username: username, email: "\(username)@example.com", password: AuthTests.password, role: role)
        return try AuthTests.tokens(try await AuthTests.login(app, username)).access
    }

    /// A target on `ssh` with a password credential, created by `token`; returns its id and its method's id.
    static func target(_ app: Application, _ token: String, _ name: String, on ssh: SSHServer) async throws -> (
        Int, Int
    ) {
        let created = try await AuthTests.send(
            app, .POST, "api/v1/targets", token: token,
            raw: """
                {"name": "\(name)", "communication_methods": [{"method_type": "ssh",
                 "config": {"host": "\(ssh.host)", "port": \(ssh.port)},
                 "credential": {"type": "password", "username": "\(ssh.username)", "password": "\(ssh.password)"}}]}
                """)
        let target = try json(created)
        let id = try #require(target["id"] as? Int, "\(created.body.string)")
        let method = try #require((target["communication_methods"] as? [[String: Any]])?.first?["id"] as? Int)
        return (id, method)
    }

    @Test(
        "a manager can't relay a stored password to another machine, nor clear a pinned host key",
        arguments: SchemaDialect.allCases)
    func credentialStaysWithItsEndpoint(dialect: SchemaDialect) async throws {
        let real = try await SSHServer.start(addresses: ["127.0.0.1"])
        let decoy = try await SSHServer.start(addresses: ["127.0.0.5"])
        defer {
            real.stop()
            decoy.stop()
        }
        try await Self.app(dialect) { app, database in
            let admin = try AuthTests.tokens(try await AuthTests.login(app, "root")).access
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access
            let (id, method) = try await Self.target(app, admin, "db-1", on: real)
            let pinned = try await AuthTests.send(app, .POST, "api/v1/targets/\(id)/test", token: admin)
            #expect(pinned.body.string.contains(#""succeeded":1"#), "\(pinned.body.string)")

            let moved = try await AuthTests.send(
                app, .PATCH, "api/v1/targets/\(id)/methods/\(method)", token: manager,
                raw: #"{"config": {"host": "127.0.0.5", "port": \#(decoy.port)}}"#)
            let test = try await AuthTests.send(app, .POST, "api/v1/targets/\(id)/test", token: manager)
            let back = try await AuthTests.send(
                app, .PATCH, "api/v1/targets/\(id)/methods/\(method)", token: manager,
                raw: #"{"config": {"host": "127.0.0.1", "port": \#(real.port)}}"#)
            let shown = try Self.json(try await AuthTests.send(app, .GET, "api/v1/targets/\(id)", token: admin))
            let shownMethod = try #require((shown["communication_methods"] as? [[String: Any]])?.first)

            #expect(moved.status == .ok, "\(moved.body.string)")
            #expect(test.body.string.contains(#""succeeded":0"#), "\(test.body.string)")
            #expect(!decoy.log.contains("Accepted password"), "the password never reached the other machine")
            #expect(back.status == .ok)
            #expect(shownMethod["credential"] == nil || shownMethod["credential"] is NSNull, "\(shownMethod)")
            #expect(
                shownMethod["host_key"] as? String == real.hostPublicKey, "moving away and back keeps the pinned key")
            let detached = try await database.sql.raw(
                "SELECT count(*) AS n FROM audit_events WHERE action = 'credential.update' AND CAST(details AS TEXT) LIKE '%endpoint changed%'"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(detached == 1, "detaching is audited")
        }
    }

    @Test("a manager's connection test never sends a password to a server whose key isn't pinned")
    func noPasswordToAnUnpinnedServer() async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.0.1"])
        defer { ssh.stop() }
        try await Self.app(.sqlite) { app, database in
            let admin = try AuthTests.tokens(try await AuthTests.login(app, "root")).access
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access
            let (id, _) = try await Self.target(app, admin, "db-2", on: ssh)

            let byManager = try await AuthTests.send(app, .POST, "api/v1/targets/\(id)/test", token: manager)
            let acceptedBefore = ssh.log.contains("Accepted password")
            let byAdmin = try await AuthTests.send(app, .POST, "api/v1/targets/\(id)/test", token: admin)

            #expect(byManager.body.string.contains("no host key is pinned"), "\(byManager.body.string)")
            #expect(!acceptedBefore)
            #expect(byAdmin.body.string.contains(#""succeeded":1"#), "\(byAdmin.body.string)")
            let firstUse = try await database.sql.raw(
                "SELECT count(*) AS n FROM audit_events WHERE action = 'host_key.accept' AND CAST(details AS TEXT) LIKE '%first_use%'"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(firstUse == 1, "a key recorded on first use is audited")
        }
    }

    @Test(
        "users run jobs on the jobs' own targets; ad-hoc commands and other targets need more",
        arguments: SchemaDialect.allCases)
    func usersRunOnlyWhatTheyMay(dialect: SchemaDialect) async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.0.1", "127.0.0.2"])
        defer { ssh.stop() }
        try await Self.app(dialect) { app, database in
            let admin = try AuthTests.tokens(try await AuthTests.login(app, "root")).access
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access
            let user = try await Self.token(app, "operator", role: .user)
            let (own, _) = try await Self.target(app, admin, "own-1", on: ssh)
            let other =
                try Self.json(
                    try await AuthTests.send(
                        app, .POST, "api/v1/targets", token: admin,
                        raw:
                            #"{"name": "other-1", "communication_methods": [{"method_type": "ssh", "config": {"host": "127.0.0.2", "port": \#(ssh.port)}}]}"#
                    )
                )["id"] as? Int
            let job =
                try Self.json(
                    try await AuthTests.send(
                        app, .POST, "api/v1/jobs", token: admin,
                        raw:
                            #"{"name": "uptime", "target_ids": [\#(own)], "actions": [{"action_type": "command", "action_parameters": {"command": "uptime"}}]}"#
                    )
                )["id"] as? Int
            let jobID = try #require(job)
            let adhoc = #"{"command": "id", "all": true}"#
            let jobsBefore = try await database.sql.raw("SELECT count(*) AS n FROM jobs").first()?
                .decode(column: "n", as: Int.self)

            let userAdhoc = try await AuthTests.send(app, .POST, "api/v1/executions/adhoc", token: user, raw: adhoc)
            let userElsewhere = try await AuthTests.send(
                app, .POST, "api/v1/jobs/\(jobID)/run", token: user, raw: #"{"target_ids": [\#(try #require(other))]}"#)
            let userOwn = try await AuthTests.send(
                app, .POST, "api/v1/jobs/\(jobID)/run", token: user, raw: #"{"target_ids": [\#(own)]}"#)
            let userPlain = try await AuthTests.send(app, .POST, "api/v1/jobs/\(jobID)/run", token: user, raw: "{}")
            let jobsAfter = try await database.sql.raw("SELECT count(*) AS n FROM jobs").first()?
                .decode(column: "n", as: Int.self)
            let managerAdhoc = try await AuthTests.send(
                app, .POST, "api/v1/executions/adhoc", token: manager, raw: adhoc)

            #expect(userAdhoc.status == .forbidden, "\(userAdhoc.body.string)")
            #expect(jobsAfter == jobsBefore, "a refused ad-hoc run leaves no job row")
            #expect(userElsewhere.status == .forbidden, "\(userElsewhere.body.string)")
            #expect(userElsewhere.body.string.contains(#""field":"target_ids.0""#))
            #expect(userOwn.status == .accepted, "\(userOwn.body.string)")
            #expect(userPlain.status == .accepted, "\(userPlain.body.string)")
            #expect(managerAdhoc.status == .accepted, "\(managerAdhoc.body.string)")
        }
    }

    @Test("a target name is one line that shows as written: no line breaks, no text-direction overrides")
    func targetNamesShowAsWritten() async throws {
        try await Self.app(.sqlite) { app, _ in
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access
            for (index, name) in ["web\\n1", "web\\t1", "invoice\\u202Egpj.exe", "a\\u2066b"].enumerated() {
                let response = try await AuthTests.send(
                    app, .POST, "api/v1/targets", token: manager,
                    raw: #"{"name": "\#(name)", "communication_methods": [{"method_type": "ssh", "#
                        + #""config": {"host": "127.0.9.\#(index + 1)"}}]}"#)
                #expect(response.status == .unprocessableEntity, "\(name): \(response.body.string)")
                #expect(response.body.string.contains(#""field":"name""#), "\(name): \(response.body.string)")
            }
        }
    }

    @Test("a body that isn't a JSON object is refused naming the body")
    func bodiesThatAreNotObjects() async throws {
        try await Self.app(.sqlite) { app, _ in
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access
            for path in ["api/v1/targets", "api/v1/executions/adhoc", "api/v1/jobs"] {
                for body in ["null", "[]", "\"text\"", "5"] {
                    let response = try await AuthTests.send(app, .POST, path, token: manager, raw: body)
                    #expect(response.status == .unprocessableEntity, "\(path) \(body): \(response.body.string)")
                    #expect(
                        response.body.string.contains(#""field":"body""#), "\(path) \(body): \(response.body.string)")
                }
            }
        }
    }
}
