import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Foundation
import NIOFoundationEssentialsCompat
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// `/api/v1/targets` through HTTP, on SQLite and PostgreSQL.
@Suite struct TargetsAPITests {
    static let password = "Target-secret-pw-1"
    static let passphrase = "Key-passphrase-77"
    /// A real key (keys are parsed when saved), encrypted with ``passphrase``.
    static let privateKey = (try? SSHTestKeys.encryptedPEM(passphrase: passphrase)) ?? "no key"
    static let token = "api-token-c0ffee-99"

    /// Sends `body` as `contentType`.
    static func send(
        _ app: Application, _ method: HTTPMethod, _ path: String, token: String, body: String? = nil,
        contentType: HTTPMediaType = .json, running: Bool = false
    ) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        // Through a real server when body limits matter: they apply while the body streams in.
        let tester =
            running
            ? try app.testing(method: .running(hostname: "127.0.0.1", port: try FreePort.find())) : try app.testing()
        try await tester.test(
            method, path,
            beforeRequest: { request in
                request.headers.bearerAuthorization = BearerAuthorization(token: token)
                if let body {
                    request.headers.contentType = contentType
                    request.body = ByteBuffer(string: body)
                }
            }, afterResponse: { result = $0 })
        return try #require(result)
    }

    static func json(_ response: TestingHTTPResponse) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
    }

    static let webBody = """
        {"name": "web-1", "tags": ["web", "linux"], "environment": "production",
         "communication_methods": [
           {"method_type": "ssh", "config": {"host": "10.9.0.1"},
            "credential": {"type": "ssh_key", "username": "ops", "private_key": \(jsonString(privateKey)), "passphrase": "\(passphrase)"}},
           {"method_type": "http", "config": {"base_url": "https://10.9.0.1/api"},
            "credential": {"type": "api_token", "token": "\(token)"}},
           {"method_type": "postgresql", "config": {"host": "10.9.0.1"}, "is_primary": false,
            "credential": {"type": "password", "username": "app", "password": "\(password)"}}
         ]}
        """

    static func jsonString(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    @Test("create, show, list with filters, change, delete", arguments: SchemaDialect.allCases)
    func lifecycle(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, _ in
            let token = try await UsersAPITests.adminToken(app)
            let created = try await Self.send(app, .POST, "api/v1/targets", token: token, body: Self.webBody)
            #expect(created.status == .created, "\(created.body.string)")
            let body = try Self.json(created)
            #expect(
                body["serial"].flatMap { if case .string(let s) = $0 { TargetSerial.isValid(s) } else { false } }
                    == true)
            let id = try #require(body["id"].flatMap { if case .number(let n) = $0 { Int(n) } else { nil } })
            #expect(created.body.string.contains(#""has_private_key":true"#))
            #expect(created.body.string.contains(#""has_passphrase":true"#))
            #expect(created.body.string.contains(#""has_token":true"#))
            #expect(created.body.string.contains(#""username":"ops""#))
            _ = try await Self.send(
                app, .POST, "api/v1/targets", token: token,
                body:
                    #"{"name": "db-1", "os_type": "windows", "communication_methods": [{"method_type": "ssh", "config": {"host": "db1.example.com"}}]}"#
            )

            let shown = try await Self.send(app, .GET, "api/v1/targets/\(id)", token: token)
            #expect(shown.status == .ok && shown.body.string.contains(#""name":"web-1""#))
            let filtered = try await Self.send(
                app, .GET, "api/v1/targets?filter=tag%3Dweb%20and%20env%3Dproduction", token: token)
            #expect(filtered.body.string.contains(#""total":1"#) && filtered.body.string.contains("web-1"))
            let byText = try await Self.send(app, .GET, "api/v1/targets?q=DB1.EXAMPLE", token: token)
            #expect(byText.body.string.contains(#""total":1"#) && byText.body.string.contains("db-1"))
            let paged = try await Self.send(app, .GET, "api/v1/targets?per_page=1&page=2&sort=-name", token: token)
            #expect(paged.body.string.contains(#""total":2"#) && paged.body.string.contains("db-1"))
            let badFilter = try await Self.send(app, .GET, "api/v1/targets?filter=tag%3D%3D", token: token)
            #expect(badFilter.status == .badRequest)
            #expect(badFilter.body.string.contains(#""field":"filter""#) && badFilter.body.string.contains(" at "))
            let badSort = try await Self.send(app, .GET, "api/v1/targets?sort=colour", token: token)
            #expect(badSort.status == .badRequest && badSort.body.string.contains(#""field":"sort""#))

            let patched = try await Self.send(
                app, .PATCH, "api/v1/targets/\(id)", token: token, body: #"{"tags": ["web"], "status": "maintenance"}"#)
            #expect(patched.status == .ok && patched.body.string.contains(#""tags":["web"]"#))
            #expect(patched.body.string.contains(#""status":"maintenance""#))
            let badTags = try await Self.send(
                app, .PATCH, "api/v1/targets/\(id)", token: token, body: #"{"tags": ["a", "a"]}"#)
            #expect(badTags.status == .unprocessableEntity && badTags.body.string.contains(#""field":"tags.1""#))

            let method = try await Self.send(
                app, .POST, "api/v1/targets/\(id)/methods", token: token,
                body: #"{"method_type": "winrm", "config": {"host": "10.9.0.1"}, "is_primary": true}"#)
            #expect(method.status == .created, "\(method.body.string)")
            let methods = try #require(
                Self.json(method)["communication_methods"].flatMap { if case .array(let a) = $0 { a } else { nil } })
            let winrmID = try #require(
                methods.first.flatMap { $0["id"] }.flatMap { if case .number(let n) = $0 { Int(n) } else { nil } })
            let sshID = try #require(
                methods.dropFirst().first.flatMap { $0["id"] }.flatMap {
                    if case .number(let n) = $0 { Int(n) } else { nil }
                })
            let wrongKind = try await Self.send(
                app, .PUT, "api/v1/targets/\(id)/methods/\(winrmID)/host-key", token: token,
                body:
                    #"{"host_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"}"#
            )
            #expect(wrongKind.status == .unprocessableEntity && wrongKind.body.string.contains(#""field":"host_key""#))
            let pinned = try await Self.send(
                app, .PUT, "api/v1/targets/\(id)/methods/\(sshID)/host-key", token: token,
                body:
                    #"{"host_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl root@h"}"#
            )
            #expect(pinned.status == .ok, "\(pinned.body.string)")
            #expect(
                pinned.body.string.contains(
                    #""host_key":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl""#))
            let badPort = try await Self.send(
                app, .PATCH, "api/v1/targets/\(id)/methods/\(sshID)", token: token,
                body: #"{"config": {"host": "10.9.0.1", "port": 0}}"#)
            #expect(badPort.status == .unprocessableEntity && badPort.body.string.contains(#""field":"config.port""#))
            let removed = try await Self.send(app, .DELETE, "api/v1/targets/\(id)/methods/\(winrmID)", token: token)
            #expect(removed.status == .noContent)
            let noMethod = try await Self.send(app, .DELETE, "api/v1/targets/\(id)/methods/\(winrmID)", token: token)
            #expect(noMethod.status == .notFound)

            // A sibling route's name where the id goes: the method is what's wrong.
            let wrongMethod = try await Self.send(app, .PATCH, "api/v1/targets/export", token: token, body: "{}")
            #expect(wrongMethod.status == .methodNotAllowed && wrongMethod.headers.first(name: "Allow") == "GET")
            let notAnID = try await Self.send(app, .GET, "api/v1/targets/abc", token: token)
            #expect(notAnID.status == .notFound)
            let deleted = try await Self.send(app, .DELETE, "api/v1/targets/\(id)", token: token)
            #expect(deleted.status == .noContent)
            let gone = try await Self.send(app, .GET, "api/v1/targets/\(id)", token: token)
            #expect(gone.status == .notFound)
        }
    }

    @Test("bad input is a precise 4xx naming the field, and nothing is stored", arguments: SchemaDialect.allCases)
    func badInput(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, database in
            let token = try await UsersAPITests.adminToken(app)
            _ = try await Self.send(
                app, .POST, "api/v1/targets", token: token,
                body:
                    #"{"name": "a", "communication_methods": [{"method_type": "ssh", "config": {"host": "10.8.0.1"}}]}"#
            )
            let cases: [(String, HTTPResponseStatus, String?)] = [
                (#"{"name": 5, "communication_methods": []}"#, .unprocessableEntity, "name"),
                (#"{"name": "b"}"#, .unprocessableEntity, "communication_methods"),
                (#"{"name": "b", "communication_methods": []}"#, .unprocessableEntity, "communication_methods"),
                (
                    #"{"name": "b", "communication_methods": [{"method_type": "gopher", "config": {"host": "h"}}]}"#,
                    .unprocessableEntity, "communication_methods.0.method_type"
                ),
                (
                    #"{"name": "b", "communication_methods": [{"method_type": "ssh", "config": {}}]}"#,
                    .unprocessableEntity, "communication_methods.0.config.host"
                ),
                (
                    #"{"name": "b", "communication_methods": [{"method_type": "ssh", "config": {"host": "h", "port": 65536}}]}"#,
                    .unprocessableEntity, "communication_methods.0.config.port"
                ),
                (
                    #"{"name": "b", "communication_methods": [{"method_type": "ssh", "config": {"host": "h", "port": "22"}}]}"#,
                    .unprocessableEntity, "communication_methods.0.config.port"
                ),
                (
                    #"{"name": "b", "communication_methods": [{"method_type": "ssh", "config": {"host": "bad host!"}}]}"#,
                    .unprocessableEntity, "communication_methods.0.config.host"
                ),
                (
                    #"{"name": "b", "environment": "prod", "communication_methods": [{"method_type": "ssh", "config": {"host": "h"}}]}"#,
                    .unprocessableEntity, "environment"
                ),
                (
                    #"{"name": "b", "communication_methods": [{"method_type": "ssh", "config": {"host": "h\u0000"}}]}"#,
                    .unprocessableEntity, "communication_methods.0.config.host"
                ),
                (
                    #"{"name": "b\u0000", "communication_methods": [{"method_type": "ssh", "config": {"host": "h"}}]}"#,
                    .unprocessableEntity, "name"
                ),
                (
                    #"{"name": "b", "communication_methods": [{"method_type": "ssh", "config": {"host": "h"}, "credential": {"type": "password"}}]}"#,
                    .unprocessableEntity, "communication_methods.0.credential.password"
                ),
                (
                    #"{"name": "b", "communication_methods": [{"method_type": "ssh", "config": {"host": "10.8.0.1", "port": 22}}]}"#,
                    .conflict, "communication_methods.0.config.host"
                ),
                (#"{"name": "b", "#, .badRequest, nil),
            ]
            for (body, status, field) in cases {
                let response = try await Self.send(app, .POST, "api/v1/targets", token: token, body: body)
                #expect(response.status == status, "\(body) → \(response.body.string)")
                if let field {
                    #expect(response.body.string.contains(#""field":"\#(field)""#), "\(body) → \(response.body.string)")
                }
            }
            let count = try await database.sql.raw("SELECT COUNT(*) AS n FROM universal_targets").first()?.decode(
                column: "n", as: Int.self)
            #expect(count == 1)
            let methods = try await database.sql.raw("SELECT COUNT(*) AS n FROM target_communication_methods").first()?
                .decode(column: "n", as: Int.self)
            #expect(methods == 1)
        }
    }

    @Test("import CSV and JSON in both modes; export never holds a secret", arguments: SchemaDialect.allCases)
    func importAndExport(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, database in
            let token = try await UsersAPITests.adminToken(app)
            let csv = """
                name,host,port,username,password,key_file,tags,os_type
                a,10.7.0.1,,ops,\(Self.password),,web;linux,linux
                b,10.7.0.2,0,ops,,,,linux
                c,10.7.0.3,22,ops,,/keys/c.pem,,linux
                d,10.7.0.1,22,ops,,,,linux
                """
            let atomic = try await Self.send(
                app, .POST, "api/v1/targets/import?atomic=true", token: token, body: csv,
                contentType: .init(type: "text", subType: "csv"))
            #expect(atomic.status == .ok)
            #expect(
                atomic.body.string.contains(#""committed":false"#)
                    && atomic.body.string.contains(#""summary":"imported 0, rejected 3""#))
            let imported = try await Self.send(
                app, .POST, "api/v1/targets/import", token: token, body: csv,
                contentType: .init(type: "text", subType: "csv"))
            #expect(imported.body.string.contains(#""summary":"imported 1, rejected 3""#), "\(imported.body.string)")
            #expect(imported.body.string.contains("key_file is read only by the CLI"))
            #expect(imported.body.string.contains(#""row":3"#) && imported.body.string.contains(#""row":5"#))

            let json = try await Self.send(
                app, .POST, "api/v1/targets/import", token: token,
                body:
                    #"[{"name": "j", "host": "10.7.0.9", "port": 2222, "tags": ["x"], "os_type": "linux"}, {"name": "k"}]"#
            )
            #expect(json.body.string.contains(#""summary":"imported 1, rejected 1""#), "\(json.body.string)")
            let malformed = try await Self.send(
                app, .POST, "api/v1/targets/import", token: token, body: "name,host\n\"unclosed",
                contentType: .init(type: "text", subType: "csv"))
            #expect(malformed.status == .badRequest && malformed.body.string.contains(#""field":"body""#))
            let notArray = try await Self.send(app, .POST, "api/v1/targets/import", token: token, body: "{}")
            #expect(notArray.status == .badRequest)
            let wrongType = try await Self.send(
                app, .POST, "api/v1/targets/import", token: token, body: "x", contentType: .plainText)
            #expect(wrongType.status == .unsupportedMediaType)
            let huge = String(repeating: "x", count: 5 * 1024 * 1024 + 10)
            let tooBig = try await Self.send(
                app, .POST, "api/v1/targets/import", token: token, body: huge,
                contentType: .init(type: "text", subType: "csv"), running: true)
            // Over the app's 1 MB default but under this route's 5 MB: read, and refused only for its content.
            let large = try await Self.send(
                app, .POST, "api/v1/targets/import", token: token, body: String(repeating: "y", count: 2_000_000),
                contentType: .init(type: "text", subType: "csv"), running: true)
            #expect(large.status == .badRequest && large.body.string.contains(#""field":"body""#))
            #expect(large.body.string.count < 1000, "the error doesn't echo the upload")
            #expect(tooBig.status == .payloadTooLarge)
            let count = try await database.sql.raw("SELECT COUNT(*) AS n FROM universal_targets").first()?.decode(
                column: "n", as: Int.self)
            #expect(count == 2)

            let exportedCSV = try await Self.send(app, .GET, "api/v1/targets/export?format=csv", token: token)
            #expect(exportedCSV.headers.contentType?.subType == "csv")
            #expect(exportedCSV.body.string.hasPrefix("name,host,port,username,password,key_file,tags,os_type"))
            #expect(exportedCSV.body.string.contains("a,10.7.0.1,22,ops,,,web;linux,linux"))
            #expect(!exportedCSV.body.string.contains(Self.password))
            let exportedJSON = try await Self.send(
                app, .GET, "api/v1/targets/export?format=json&filter=name%3Dj", token: token)
            #expect(exportedJSON.status == .ok)
            guard case .array(let rows) = try Self.json(exportedJSON) else {
                Issue.record("not an array: \(exportedJSON.body.string)")
                return
            }
            #expect(rows.count == 1 && rows[0]["port"] == 2222)
            let badFormat = try await Self.send(app, .GET, "api/v1/targets/export?format=xml", token: token)
            #expect(badFormat.status == .badRequest && badFormat.body.string.contains(#""field":"format""#))
        }
    }

    @Test("no plaintext secret in any column of any table or in any response", arguments: SchemaDialect.allCases)
    func secretsStayEncrypted(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, database in
            let token = try await UsersAPITests.adminToken(app)
            var responses: [String] = []
            let created = try await Self.send(app, .POST, "api/v1/targets", token: token, body: Self.webBody)
            #expect(created.status == .created)
            responses.append(created.body.string)
            let id = try #require(
                try Self.json(created)["id"].flatMap { if case .number(let n) = $0 { Int(n) } else { nil } })
            for path in [
                "api/v1/targets", "api/v1/targets/\(id)", "api/v1/targets/export?format=json", "api/v1/targets/export",
            ] {
                responses.append(try await Self.send(app, .GET, path, token: token).body.string)
            }
            responses.append(
                try await Self.send(
                    app, .POST, "api/v1/targets/import", token: token,
                    body:
                        "name,host,port,username,password,key_file,tags,os_type\nz,10.6.0.1,,u,\(Self.password)-csv,,,linux\n",
                    contentType: .init(type: "text", subType: "csv")
                ).body.string)

            let tables: [String] =
                switch dialect {
                case .sqlite:
                    try await database.sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all()
                        .map { try $0.decode(column: "name", as: String.self) }
                case .postgres:
                    try await database.sql.raw("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").all()
                        .map { try $0.decode(column: "tablename", as: String.self) }
                }
            #expect(tables.contains("target_credentials") && tables.count > 10)
            var everything = ""
            for table in tables {
                switch dialect {
                case .postgres:
                    for row in try await database.sql.raw("SELECT CAST(t AS text) AS line FROM \(ident: table) t").all()
                    {
                        everything += try row.decode(column: "line", as: String.self) + "\n"
                    }
                case .sqlite:
                    for row in try await database.sql.raw("SELECT * FROM \(ident: table)").all() {
                        for column in row.allColumns {
                            if let text = try? row.decode(column: column, as: String?.self) {
                                everything += text + "\t"
                            } else if let data = try? row.decode(column: column, as: Data?.self) {
                                everything += String(decoding: data, as: UTF8.self) + "\t"
                            }
                        }
                        everything += "\n"
                    }
                }
            }
            #expect(everything.contains("v1:"), "the encrypted credentials were read")
            #expect(everything.contains("web-1"))
            for secret in [Self.password, "PRIVATEBITS", Self.passphrase, Self.token] {
                #expect(!everything.contains(secret), "\(secret.prefix(8))… stored in plain text")
                for response in responses { #expect(!response.contains(secret), "\(secret.prefix(8))… in a response") }
            }
        }
    }
}
