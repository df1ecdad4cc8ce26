import DRMCore
import DRMStore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// No password, token or hash appears in an API response, a log line (even at trace level) or an audit record.
@Suite struct SecretsTests {
    static func post(_ server: RunningServer, _ path: String, _ body: String, token: String? = nil) async throws -> (
        Int, String
    ) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    static func field(_ name: String, in json: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require(object?[name] as? String, "\(name) in \(json)")
    }

    @Test func secretsStayOutOfResponsesAndLogs() async throws {
        let directory =
            FileManager.default.temporaryDirectory.path + "/enabledrm-secrets-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let adminPassword = "Admin-secret-pass-1"
        let userPassword = "User-secret-pass-2"
        let targetPassword = "Target-secret-pass-3"
        let passphrase = "Key-passphrase-5"
        // A real key (keys are parsed when saved), as JSON string content.
        let privateKey = try SSHTestKeys.encryptedPEM(passphrase: passphrase).replacing("\n", with: "\\n")
        let cli = try CLIProcess(workingDirectory: directory, environment: ["ENABLEDRM_ADMIN_PASSWORD": adminPassword])
        let server = try await cli.serve("--log-level", "trace")

        let (_, login) = try await Self.post(
            server, "/api/v1/auth/login", #"{"username": "admin", "password": "\#(adminPassword)"}"#)
        let access = try Self.field("access_token", in: login)
        let refresh = try Self.field("refresh_token", in: login)
        let (_, refreshed) = try await Self.post(server, "/api/v1/auth/refresh", #"{"refresh_token": "\#(refresh)"}"#)
        let (created, user) = try await Self.post(
            server, "/api/v1/users",
            #"{"username": "zed", "email": "z@example.com", "password": "\#(userPassword)", "role": "user"}"#,
            token: try Self.field("access_token", in: refreshed)
        )
        let (failed, _) = try await Self.post(
            server, "/api/v1/auth/login", #"{"username": "zed", "password": "wrong-\#(userPassword)"}"#)
        // A target credential: a password and a private key with a passphrase.
        let (targetCreated, target) = try await Self.post(
            server, "/api/v1/targets",
            #"{"name": "vault-test", "communication_methods": [{"method_type": "ssh", "config": {"host": "10.7.7.7"}, "credential": {"type": "ssh_key", "username": "ops", "password": "\#(targetPassword)", "private_key": "\#(privateKey)", "passphrase": "\#(passphrase)"}}]}"#,
            token: try Self.field("access_token", in: refreshed))
        server.stop()
        let log = server.log
        let handle = try DatabaseHandle(url: .sqlite(path: directory + "/enabledrm-data/enabledrm.sqlite"))
        let audit = try await handle.sql.raw(
            "SELECT action || ' ' || actor_name || ' ' || coalesce(ip_address, '-') || ' ' || details AS line FROM audit_events"
        ).all().map { try $0.decode(column: "line", as: String.self) }
        await handle.shutdown()

        #expect(created == 201)
        #expect(failed == 401)
        #expect(log.contains("POST /api/v1/users"), "the log did record the requests")
        #expect(
            targetCreated == 201,
            "\(target)\n\(log.split(separator: "\n").filter { $0.contains(" error ") }.joined(separator: "\n"))")
        for secret in [
            adminPassword, userPassword, access, refresh, "$2b$", targetPassword, "PRIVATEKEYMATERIAL4711", passphrase,
        ] {
            #expect(!log.contains(secret), "\(secret.prefix(12))… in the log")
            #expect(!target.contains(secret), "\(secret.prefix(12))… in the target response")
        }
        #expect(audit.contains(#"auth.login_failed zed 127.0.0.1 {"reason":"wrong_password"}"#), "\(audit)")
        #expect(audit.contains { $0.hasPrefix("user.create admin 127.0.0.1 ") }, "\(audit)")
        for secret in [
            adminPassword, userPassword, access, refresh, "$2b$", targetPassword, "PRIVATEKEYMATERIAL4711", passphrase,
        ] {
            #expect(!audit.joined().contains(secret), "\(secret.prefix(12))… in the audit log")
        }
        for response in [login, refreshed, user] {
            #expect(!response.contains("$2b$") && !response.contains(adminPassword) && !response.contains(userPassword))
        }
    }
}
