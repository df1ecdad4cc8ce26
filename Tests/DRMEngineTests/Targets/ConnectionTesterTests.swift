import DRMCore
import DRMRemote
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

@testable import DRMEngine

/// Connection tests of stored methods against real sshd, HTTP(S), SMTP and PostgreSQL servers on loopback.
@Suite struct ConnectionTesterTests {
    static let vault = CredentialVault(current: CredentialKey(secretKey: Data(repeating: 3, count: 32)))

    /// Stores a target with one method and (optionally) a credential; returns the target's id.
    static func target(
        _ name: String, _ methodType: String, _ config: JSONValue, secret: CredentialSecret?, hostKey: String? = nil,
        on db: any Database
    ) async throws -> Int {
        let target = Target()
        target.targetUUID = UUID()
        target.targetSerial = "T2026" + String(format: "%07d", Int.random(in: 1...9_999_999))
        target.setName(name)
        target.targetType = "system"
        target.osType = "linux"
        target.environment = "testing"
        target.isActive = true
        target.status = "active"
        target.healthStatus = "unknown"
        target.tags = []
        try await target.create(on: db)
        let method = CommunicationMethod()
        method.targetID = try target.requireID()
        method.methodType = methodType
        method.methodName = methodType
        method.isPrimary = true
        method.isActive = true
        method.config = config
        method.hostKey = hostKey
        try await method.create(on: db)
        if let secret {
            let credential = Credential()
            credential.communicationMethodID = try method.requireID()
            credential.credentialType = secret.type
            credential.credentialName = "\(name) credential"
            credential.isPrimary = true
            credential.isActive = true
            credential.encryptedCredentials = try vault.encrypt(secret)
            try await credential.create(on: db)
        }
        return try target.requireID()
    }

    @Test(
        "every outcome category, stored on the method, with the host key recorded once",
        arguments: SchemaDialect.allCases)
    func outcomes(dialect: SchemaDialect) async throws {
        let ssh = try await SSHServer.start()
        defer { ssh.stop() }
        let https = try await HTTPTestServer.start(tls: true)
        defer { https.stop() }
        let smtp = try await SMTPTestServer.start()
        defer { smtp.stop() }
        let silent = try SilentTCPListener()
        let refusedPort = try FreePort.find()
        let cluster = try await PostgresCluster.shared()
        let strangerKey = try String(contentsOfFile: ssh.keys.stranger + ".pub", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)

        try await TestDatabase.with(dialect) { database in
            let db = database.handle.database
            let sshConfig: JSONValue = ["host": .string(ssh.host), "port": .number(Double(ssh.port))]
            let key = try SSHTestKeys.pem(ssh.keys.ed25519)
            let ids: [String: Int] = [
                "password": try await Self.target(
                    "password", "ssh", sshConfig,
                    secret: .init(type: "password", username: ssh.username, password: ssh.password), on: db),
                "key": try await Self.target(
                    "key", "ssh", sshConfig, secret: .init(type: "ssh_key", username: ssh.username, privateKey: key),
                    on: db),
                "wrong-password": try await Self.target(
                    "wrong-password", "ssh", sshConfig,
                    secret: .init(type: "password", username: ssh.username, password: "not-it"), on: db),
                "wrong-key": try await Self.target(
                    "wrong-key", "ssh", sshConfig,
                    secret: .init(
                        type: "ssh_key", username: ssh.username, privateKey: try SSHTestKeys.pem(ssh.keys.stranger)),
                    on: db),
                "refused": try await Self.target(
                    "refused", "ssh", ["host": "127.0.0.1", "port": .number(Double(refusedPort))],
                    secret: .init(type: "password", username: "x", password: "y"), on: db),
                "changed-host-key": try await Self.target(
                    "changed-host-key", "ssh", sshConfig,
                    secret: .init(type: "password", username: ssh.username, password: ssh.password),
                    hostKey: strangerKey, on: db),
                "timeout": try await Self.target(
                    "timeout", "ssh", ["host": "127.0.0.1", "port": .number(Double(silent.port)), "timeout": 2],
                    secret: .init(type: "password", username: "x", password: "y"), on: db),
                "tls": try await Self.target(
                    "tls", "rest_api", ["base_url": .string(https.baseURL)], secret: nil, on: db),
                "tls-unverified": try await Self.target(
                    "tls-unverified", "rest_api", ["base_url": .string(https.baseURL), "verify_tls": false],
                    secret: nil, on: db),
                "smtp": try await Self.target(
                    "smtp", "smtp", ["host": "127.0.0.1", "port": .number(Double(smtp.port)), "encryption": "none"],
                    secret: .init(type: "password", username: smtp.username, password: smtp.password), on: db),
                "postgres": try await Self.target(
                    "postgres", "postgresql",
                    ["host": "127.0.0.1", "port": .number(Double(cluster.port)), "ssl_mode": "disable"],
                    secret: .init(type: "password", username: "postgres", password: cluster.password), on: db),
            ]
            var tester = ConnectionTester(database: db, vault: Self.vault, audit: AuditTrail(.system))
            tester.maxConcurrency = 4

            let outcomes = try await tester.test(targetIDs: Array(ids.values))
            let byName = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.targetName, $0.result) })
            let second = try await tester.test(targetIDs: [ids["password"]!])

            #expect(outcomes.count == ids.count)
            for name in ["password", "key", "tls-unverified", "smtp", "postgres"] {
                #expect(byName[name]?.success == true, "\(name): \(byName[name]?.message ?? "no result")")
            }
            #expect(byName["password"]?.details["os"] == "linux")
            #expect(byName["wrong-password"]?.category == .auth)
            #expect(byName["wrong-key"]?.category == .auth)
            #expect(byName["refused"]?.category == .refused)
            #expect(byName["timeout"]?.category == .timeout)
            #expect(byName["tls"]?.category == .tls)
            #expect(
                byName["tls-unverified"]?.details.keys.contains { $0.contains("expir") || $0.contains("not_after") }
                    == true)
            let changed = try #require(byName["changed-host-key"])
            #expect(changed.category == .hostKey)
            let serverFingerprint = try SSHTestKeys.fingerprint(ssh.directory + "/host_ed25519.pub")
            #expect(changed.message.contains(serverFingerprint), "names the presented key: \(changed.message)")
            #expect(
                changed.message.contains(try SSHTestKeys.fingerprint(ssh.keys.stranger + ".pub")), "and the pinned one")
            #expect(second.first?.result.success == true, "the recorded key is accepted next time")

            let methods = try await CommunicationMethod.query(on: db).all()
            let recorded = methods.first { $0.targetID == ids["password"] }
            #expect(recorded?.hostKey == ssh.hostPublicKey.split(separator: " ").prefix(2).joined(separator: " "))
            #expect(recorded?.lastTestSuccess == true && recorded?.lastTestedAt != nil)
            let pinned = methods.first { $0.targetID == ids["changed-host-key"] }
            #expect(pinned?.hostKey == strangerKey, "a changed key is not silently replaced")
            #expect(pinned?.lastTestCategory == "hostKey" || pinned?.lastTestCategory == "host_key")
            let health = try await Target.query(on: db).all().reduce(into: [String: String]()) {
                $0[$1.name] = $1.healthStatus
            }
            #expect(health["password"] == "healthy" && health["refused"] == "critical")
            let accesses = try await AuditEvent.query(on: db).filter(\.$action == "credential.access").count()
            #expect(accesses == 10, "one audited decryption per credential used (9, and 1 in the second test)")

            // No secret in any stored column of any table.
            for table in DatabaseSchema.declared.tables.map(\.name) {
                let rows = try await database.sql.raw("SELECT * FROM \(ident: table)").all()
                for row in rows {
                    for column in row.allColumns {
                        let text = (try? row.decode(column: column, as: String.self)) ?? ""
                        for secret in [ssh.password, key, smtp.password, cluster.password] {
                            #expect(!text.contains(secret), "\(table).\(column) holds a secret")
                        }
                    }
                }
            }
        }
        withExtendedLifetime(silent) {}
    }
}
