import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

/// Targets, methods and credentials through the use cases, on SQLite and PostgreSQL, on a pinned clock.
@Suite struct TargetInventoryTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28 UTC
    static let vault = CredentialVault(current: CredentialKey(secretKey: Data(repeating: 9, count: 32)))

    static func inventory(_ database: TestDatabase) -> TargetInventory {
        TargetInventory(database: database.handle.database, vault: vault, audit: AuditTrail(.cli), now: { now })
    }

    static func ssh(_ host: String, port: Int? = nil, password: String? = nil, primary: Bool? = nil) -> MethodDraft {
        var config: [String: JSONValue] = ["host": .string(host)]
        if let port { config["port"] = .number(Double(port)) }
        return MethodDraft(
            methodType: "ssh", config: .object(config), isPrimary: primary,
            credential: password.map { CredentialInput(type: .password, username: "ops", password: $0) })
    }

    static func actions(_ database: TestDatabase) async throws -> [String] {
        try await AuditEvent.query(on: database.handle.database).sort(\.$id).all().map(\.action)
    }

    @Test(
        "create with methods and credentials, serials, primary, credential for use", arguments: SchemaDialect.allCases)
    func create(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let targets = Self.inventory(database)
            let web = try await targets.create(
                TargetDraft(
                    name: "web-1", tags: ["web", "linux"],
                    methods: [
                        Self.ssh("10.0.0.1", password: "Pa55-word-1"),
                        MethodDraft(
                            methodType: "http", config: ["base_url": "https://10.0.0.1:8443/api"],
                            credential: CredentialInput(type: .apiToken, token: "tok-123")),
                    ]))
            let db = try await targets.create(
                TargetDraft(
                    name: "db-1", osType: "Linux", environment: .production,
                    methods: [Self.ssh("db1.example.com", port: 2222)]))

            #expect(web.target.targetSerial == "T20260000001")
            #expect(db.target.targetSerial == "T20260000002")
            #expect(db.target.osType == "linux")
            #expect(web.methods.count == 2)
            #expect(web.methods[0].method.isPrimary && !web.methods[1].method.isPrimary)
            #expect(web.methods[1].method.methodType == "rest_api")
            #expect(web.methods[0].credential?.hasPassword == true && web.methods[0].credential?.username == "ops")
            #expect(web.methods[1].credential?.hasToken == true)
            #expect(web.tags == ["web", "linux"])

            let secret = try await targets.credential(forUse: try web.methods[0].method.requireID())
            #expect(secret?.password == "Pa55-word-1")
            let stored = try await Credential.query(on: database.handle.database).all().map(\.encryptedCredentials)
            #expect(stored.allSatisfy { $0.hasPrefix("v1:") && !$0.contains("Pa55") })
            #expect(try await Self.actions(database) == ["target.create", "target.create", "credential.access"])
        }
    }

    @Test("bad input names the field and stores nothing", arguments: SchemaDialect.allCases)
    func badInput(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let targets = Self.inventory(database)
            _ = try await targets.create(TargetDraft(name: "a", methods: [Self.ssh("10.0.0.5")]))
            func field(_ draft: TargetDraft) async -> String? {
                do {
                    _ = try await targets.create(draft)
                    return nil
                } catch let error as TargetError {
                    return error.field
                } catch {
                    return "unexpected \(error)"
                }
            }
            #expect(await field(TargetDraft(name: " ", methods: [Self.ssh("h1")])) == "name")
            #expect(await field(TargetDraft(name: "b", methods: [])) == "communication_methods")
            #expect(
                await field(TargetDraft(name: "b", methods: [MethodDraft(methodType: "gopher", config: ["host": "h"])]))
                    == "communication_methods.0.method_type")
            #expect(
                await field(TargetDraft(name: "b", methods: [MethodDraft(methodType: "ssh", config: ["port": 22])]))
                    == "communication_methods.0.config.host")
            #expect(
                await field(TargetDraft(name: "b", methods: [Self.ssh("h1", port: 70000)]))
                    == "communication_methods.0.config.port")
            #expect(await field(TargetDraft(name: "b", tags: ["x", "x"], methods: [Self.ssh("h1")])) == "tags.1")
            #expect(
                await field(
                    TargetDraft(name: "b", tags: [String(repeating: "t", count: 51)], methods: [Self.ssh("h1")]))
                    == "tags.0")
            #expect(
                await field(
                    TargetDraft(name: "b", methods: [Self.ssh("h1", primary: true), Self.ssh("h2", primary: true)]))
                    == "communication_methods.1.is_primary")
            #expect(
                await field(
                    TargetDraft(
                        name: "b",
                        methods: [
                            MethodDraft(
                                methodType: "ssh", config: ["host": "h1"], credential: CredentialInput(type: .sshKey))
                        ])) == "communication_methods.0.credential.private_key")
            // Same host and port as target a (host compared without case), while a is active.
            await #expect(
                throws: TargetError.endpointTaken(
                    field: "communication_methods.0.config.host", host: "10.0.0.5", port: 22, target: "a")
            ) {
                _ = try await targets.create(TargetDraft(name: "b", methods: [Self.ssh("10.0.0.5")]))
            }
            // Another port on the same host is another endpoint; an inactive target doesn't hold its endpoints.
            _ = try await targets.create(TargetDraft(name: "c", methods: [Self.ssh("10.0.0.5", port: 2200)]))
            _ = try await targets.create(TargetDraft(name: "d", isActive: false, methods: [Self.ssh("10.0.0.5")]))
            #expect(try await Target.query(on: database.handle.database).count() == 3)
            #expect(try await CommunicationMethod.query(on: database.handle.database).count() == 3)
        }
    }

    @Test("methods: add, make primary, replace credential, pin host key, remove", arguments: SchemaDialect.allCases)
    func methods(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let targets = Self.inventory(database)
            let created = try await targets.create(
                TargetDraft(name: "m", methods: [Self.ssh("10.1.0.1", password: "First-pass-1")]))
            let id = try created.target.requireID()
            let first = try created.methods[0].method.requireID()
            let added = try await targets.addMethod(
                to: id, MethodDraft(methodType: "winrm", config: ["host": "10.1.0.1"], isPrimary: true))
            #expect(added.methods.count == 2 && added.primary?.method.methodType == "winrm")
            let second = try #require(added.primary?.method.id)

            let changed = try await targets.updateMethod(
                first, of: id,
                MethodChanges(
                    isPrimary: true,
                    credential: CredentialInput(
                        type: .sshKey, username: "root",
                        privateKey: try SSHTestKeys.encryptedPEM(passphrase: "Phrase-9"),
                        passphrase: "Phrase-9")))
            #expect(changed.primary?.method.id == first)
            #expect(
                changed.primary?.credential?.hasPrivateKey == true && changed.primary?.credential?.hasPassword == false)
            await #expect(throws: TargetError.self) {
                _ = try await targets.updateMethod(first, of: id, MethodChanges(isPrimary: false))
            }
            await #expect(throws: TargetError.self) {
                _ = try await targets.updateMethod(
                    first, of: id, MethodChanges(config: ["host": "10.1.0.1", "port": 0]))
            }

            let blob = Data(
                [0, 0, 0, 11] + Array("ssh-ed25519".utf8) + [0, 0, 0, 32] + Array(repeating: 7, count: 32))
            let line = "ssh-ed25519 \(blob.base64EncodedString()) root@host"
            let pinned = try await targets.pinHostKey(line, method: first, of: id)
            #expect(pinned.primary?.method.hostKey == "ssh-ed25519 \(blob.base64EncodedString())")
            await #expect(throws: TargetError.self) {
                _ = try await targets.pinHostKey("ssh-ed25519 AAAA", method: first, of: id)
            }
            await #expect(throws: TargetError.self) { _ = try await targets.pinHostKey(line, method: second, of: id) }
            // A new host keeps the pinned key (only an administrator accepts another) and drops the credential,
            // which was entered for the old endpoint.
            let moved = try await targets.updateMethod(first, of: id, MethodChanges(config: ["host": "10.1.0.2"]))
            #expect(moved.primary?.method.hostKey == "ssh-ed25519 \(blob.base64EncodedString())")
            #expect(moved.primary?.credential == nil)

            let remaining = try await targets.removeMethod(first, of: id)
            #expect(
                remaining.methods.count == 1 && remaining.primary?.method.id == second
                    && remaining.primary?.method.isPrimary == true)
            await #expect(throws: TargetError.self) { _ = try await targets.removeMethod(second, of: id) }
            #expect(try await Credential.query(on: database.handle.database).count() == 0)
            #expect(try await Self.actions(database).contains("host_key.accept"))
            #expect(try await Self.actions(database).contains("credential.update"))

            try await targets.delete(id)
            #expect(try await CommunicationMethod.query(on: database.handle.database).count() == 0)
        }
    }

    @Test("list with the filter language, text, order and pages", arguments: SchemaDialect.allCases)
    func list(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let targets = Self.inventory(database)
            _ = try await targets.create(TargetDraft(name: "web-1", tags: ["web"], methods: [Self.ssh("10.2.0.1")]))
            _ = try await targets.create(
                TargetDraft(name: "web-2", osType: "windows", tags: ["web"], methods: [Self.ssh("10.2.0.2")]))
            _ = try await targets.create(
                TargetDraft(
                    name: "db-1", environment: .production, description: "Primary ledger", tags: ["db"],
                    methods: [Self.ssh("db.example.com")]))

            func names(_ query: TargetQuery) async throws -> [String] {
                try await targets.list(query).items.map(\.target.name)
            }
            #expect(try await names(TargetQuery(filter: try TargetFilter.parse("tag=web and os=linux"))) == ["web-1"])
            #expect(try await names(TargetQuery(filter: try TargetFilter.parse("name~db-*"))) == ["db-1"])
            #expect(
                try await names(TargetQuery(filter: try TargetFilter.parse("host~10.2.*"), sort: "-name")) == [
                    "web-2", "web-1",
                ])
            #expect(
                try await names(TargetQuery(filter: try TargetFilter.parse("env=production or tag=web"))).count == 3)
            #expect(try await names(TargetQuery(text: "LEDGER")) == ["db-1"])
            #expect(try await names(TargetQuery(text: "example.com")) == ["db-1"])
            let page = try await targets.list(TargetQuery(sort: "name", offset: 1, limit: 1))
            #expect(page.total == 3 && page.items.map(\.target.name) == ["web-1"])
            #expect(try await targets.subjects().count == 3)
            #expect(try await targets.find("T20260000003").target.name == "db-1")
            #expect(try await targets.find("web-2").target.targetSerial == "T20260000002")
        }
    }

    @Test("import: good and bad rows, by default and atomically", arguments: SchemaDialect.allCases)
    func importRows(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let targets = Self.inventory(database)
            _ = try await targets.create(TargetDraft(name: "existing", methods: [Self.ssh("10.3.0.9")]))
            let csv = """
                name,host,port,username,password,key_file,tags,os_type
                a,10.3.0.1,,ops,Import-pass-1,,web;linux,linux
                b,10.3.0.2,99999,ops,,,,linux

                c,10.3.0.9,22,ops,,,,linux
                d,10.3.0.1,22,ops,,,,linux
                e,10.3.0.5,2222,root,,/keys/e.pem,,linux
                """
            let rows = try TargetImport.numberedCSV(csv)

            let atomic = try await targets.importRows(rows, atomic: true)
            #expect(atomic.imported.isEmpty && atomic.rejected.map(\.row) == [3, 5, 6, 7])
            #expect(try await Target.query(on: database.handle.database).count() == 1)

            let report = try await targets.importRows(rows)
            #expect(report.summary == "imported 1, rejected 4")
            #expect(report.imported.map(\.row) == [2] && report.imported[0].serial == "T20260000002")
            #expect(report.rejected.map(\.row) == [3, 5, 6, 7])
            #expect(report.rejected[0].reasons == ["port: must be 1…65535"])
            #expect(report.rejected[1].reasons[0].contains("'existing'"))
            #expect(report.rejected[2].reasons[0].contains("repeats the endpoint of row 2"))
            #expect(report.rejected[3].reasons == ["key_file: key_file is read only by the CLI"])

            let keyE = try SSHTestKeys.encryptedPEM(passphrase: "")
            let withKeys = try await targets.importRows(
                [
                    (
                        7,
                        .success(
                            TargetImportRow(name: "e", host: "10.3.0.5", port: 2222, username: "root", keyFile: "e.pem")
                        )
                    )
                ],
                keyFiles: { _ in keyE })
            #expect(withKeys.imported.count == 1)
            let e = try await targets.find("e")
            #expect(e.primary?.credential?.type == "ssh_key" && e.primary?.port == 2222)
            #expect(try await Self.actions(database).filter { $0 == "target.import" }.count == 3)

            let exported = try await targets.exportRows(filter: try TargetFilter.parse("tag=web"), format: "csv")
            let csvOut = TargetImport.exportCSV(exported)
            #expect(csvOut.contains("a,10.3.0.1,22,ops,,,web;linux,linux,development,"), "\(csvOut)")
            #expect(!csvOut.contains("Import-pass-1") && exported.count == 1)
        }
    }

    /// PostgreSQL only: SQLite serialises writers on its one connection, so creations can't collide there.
    @Test func concurrentCreationsGetDistinctSerials() async throws {
        try await TestDatabase.with(.postgres) { database in
            let targets = Self.inventory(database)
            let serials = try await withThrowingTaskGroup(of: String.self) { group in
                // Few enough that the test's small connection pool serves them within its timeout on a busy machine.
                for index in 1...4 {
                    group.addTask {
                        try await targets.create(
                            TargetDraft(name: "c\(index)", methods: [Self.ssh("10.20.0.\(index)")])
                        )
                        .target.targetSerial
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(serials) == Set((1...4).map { "T202600000\(String(format: "%02d", $0))" }))
        }
    }

    @Test("a large import goes in in one transaction and lists whole", arguments: SchemaDialect.allCases)
    func largeImport(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let targets = Self.inventory(database)
            let lines = (1...600).map { "t\($0),10.30.\($0 / 256).\($0 % 256),,ops,Pw-\($0),,bulk,linux" }
            let csv = (["name,host,port,username,password,key_file,tags,os_type"] + lines).joined(separator: "\n")

            let report = try await targets.importRows(try TargetImport.numberedCSV(csv))
            let listed = try await targets.list(TargetQuery(filter: try TargetFilter.parse("tag=bulk")))

            #expect(report.summary == "imported 600, rejected 0")
            #expect(listed.total == 600 && listed.items.allSatisfy { $0.primary?.credential?.hasPassword == true })
            #expect(report.imported.last?.serial == "T20260000600")
        }
    }
}
