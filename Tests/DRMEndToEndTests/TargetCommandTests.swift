import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// `enabledrm target …` against real databases.
@Suite struct TargetCommandTests {
    /// A real key: keys are parsed when saved.
    static let keyText = (try? SSHTestKeys.encryptedPEM(passphrase: "")) ?? "no key"

    @Test("target import, list, add, show, update, export, remove", arguments: SchemaDialect.allCases)
    func targetCommands(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in try await Self.targetCommands(database) }
    }

    static func targetCommands(_ database: TestDatabase) async throws {
        let directory = UserCommandTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cli = try CLIProcess(
            workingDirectory: directory, environment: ["ENABLEDRM_DATABASE_URL": database.urlString])
        try FileManager.default.createDirectory(atPath: directory + "/keys", withIntermediateDirectories: true)
        try Self.keyText.write(toFile: directory + "/keys/b.pem", atomically: true, encoding: .utf8)
        try """
        name,host,port,username,password,key_file,tags,os_type
        a,10.5.0.1,,ops,Cli-import-pw-1,,web;linux,linux
        b,10.5.0.2,2222,root,,keys/b.pem,db,linux
        c,not a host,,ops,,,,linux
        """.write(toFile: directory + "/targets.csv", atomically: true, encoding: .utf8)
        try #"[{"name": "j", "host": "10.5.0.9"}]"#.write(
            toFile: directory + "/more.json", atomically: true, encoding: .utf8)

        let atomic = try await cli.run("target", "import", "targets.csv", "--atomic")
        let imported = try await cli.run("target", "import", "targets.csv")
        let json = try await cli.run("target", "import", "more.json")
        let added = try await cli.run(
            "target", "add", "web-9", "--host", "10.5.0.10", "--port", "2200", "--username", "deploy", "--key-file",
            "keys/b.pem", "--tag", "web", "--tag", "edge", "--env", "staging")
        let clash = try await cli.run("target", "add", "dup", "--host", "10.5.0.1")
        let listed = try await cli.run("target", "list", "--format", "json")
        let filtered = try await cli.run("target", "list", "--filter", "tag=web and os=linux")
        let badFilter = try await cli.run("target", "list", "--filter", "tag==")
        let shown = try await cli.run("target", "show", "web-9")
        let updated = try await cli.run("target", "update", "web-9", "--status", "maintenance", "--tag", "web")
        let exported = try await cli.run("target", "export", "--format", "csv")
        let removed = try await cli.run("target", "remove", "a")
        let missing = try await cli.run("target", "show", "a")
        let stored = try await database.sql.raw("SELECT encrypted_credentials FROM target_credentials").all()
            .map { try $0.decode(column: "encrypted_credentials", as: String.self) }
        let actors = try await database.sql.raw("SELECT actor_name, action FROM audit_events").all()
            .map {
                try $0.decode(column: "actor_name", as: String.self) + " "
                    + $0.decode(column: "action", as: String.self)
            }

        #expect(atomic.status == 1)
        #expect(
            atomic.stdout.contains("row 4: rejected: host: must be an IPv4 or IPv6 address or a DNS name"),
            "\(atomic.stdout)")
        #expect(atomic.stdout.hasSuffix("imported 0, rejected 1\n"))
        #expect(imported.status == 1, "\(imported.stderr)")
        #expect(imported.stdout.hasSuffix("imported 2, rejected 1\n"), "\(imported.stdout)\(imported.stderr)")
        #expect(json.status == 0 && json.stdout == "imported 1, rejected 0\n", "\(json.stdout)\(json.stderr)")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("created target web-9 (T"))
        #expect(
            clash.status == 1 && clash.stderr.contains("already an endpoint of the active target 'a'"),
            "\(clash.stderr)")
        let array = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        #expect(array?.count == 4, "\(listed.stdout)")
        #expect(
            filtered.stdout.split(separator: "\n").count == 3 && filtered.stdout.contains("web-9"),
            "a header and two targets: \(filtered.stdout)"
        )
        #expect(badFilter.status == 1 && badFilter.stderr.contains("--filter:"))
        #expect(shown.stdout.contains("credential: ssh_key as deploy [private key]"), "\(shown.stdout)")
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(exported.stdout.contains("b,10.5.0.2,2222,root,,,db,linux"), "\(exported.stdout)")
        #expect(removed.status == 0 && missing.status == 1)
        for output in [listed.stdout, shown.stdout, exported.stdout] {
            #expect(
                !output.contains(String(Self.keyText.split(separator: "\n")[1])) && !output.contains("Cli-import-pw-1"))
        }
        #expect(stored.count == 2 && stored.allSatisfy { $0.hasPrefix("v1:") && !$0.contains("CLIKEY") })
        #expect(actors.contains("cli target.import") && actors.contains("cli target.create"))
    }

    @Test func secretsRotateKeyReencryptsEveryCredentialUnderTheNewKey() async throws {
        try await TestDatabase.with(.sqlite) { database in try await Self.rotateKey(database) }
    }

    static func rotateKey(_ database: TestDatabase) async throws {
        let directory = UserCommandTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let oldKey = Data(repeating: 1, count: 32).base64EncodedString()
        let newKey = Data(repeating: 2, count: 32).base64EncodedString()
        func cli(_ key: String) throws -> CLIProcess {
            try CLIProcess(
                workingDirectory: directory,
                environment: ["ENABLEDRM_DATABASE_URL": database.urlString, "ENABLEDRM_SECRET_KEY": key])
        }
        try (newKey + "\n").write(toFile: directory + "/new.key", atomically: true, encoding: .utf8)
        try "name,host,port,username,password,key_file,tags,os_type\nr,10.4.0.1,,ops,Rotate-pw-1,,,linux\n"
            .write(toFile: directory + "/r.csv", atomically: true, encoding: .utf8)

        let imported = try await cli(oldKey).run("target", "import", "r.csv")
        let before = try await database.sql.raw("SELECT encrypted_credentials FROM target_credentials").all()
            .map { try $0.decode(column: "encrypted_credentials", as: String.self) }
        let rotated = try await cli(oldKey).run("secrets", "rotate-key", "--new-key-file", "new.key")
        let withOld = try await cli(oldKey).run("target", "show", "r")
        let withNew = try await cli(newKey).run("target", "show", "r")
        let after = try await database.sql.raw("SELECT encrypted_credentials FROM target_credentials").all()
            .map { try $0.decode(column: "encrypted_credentials", as: String.self) }

        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(
            rotated.status == 0 && rotated.stdout.hasPrefix("re-encrypted 1 credentials under key "),
            "\(rotated.stderr)")
        #expect(before != after && after.allSatisfy { !$0.contains("Rotate-pw-1") })
        #expect(withNew.stdout.contains("credential: password as ops [password]"), "\(withNew.stdout)")
        #expect(withOld.stdout.contains("credential: password []"), "\(withOld.stdout)")
    }

    @Test("a flag that means nothing to a command is refused: target update --host/--port changes nothing")
    func meaninglessFlagsAreRefused() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let directory = UserCommandTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let cli = try CLIProcess(
                workingDirectory: directory, environment: ["ENABLEDRM_DATABASE_URL": database.urlString])
            let added = try await cli.run("target", "add", "node-1", "--host", "127.0.9.1", "--port", "22")

            let update = try await cli.run("target", "update", "node-1", "--host", "127.0.9.9", "--port", "2200")
            let workerFlag = try await cli.run("target", "list", "--worker-slots", "3")
            let listenFlag = try await cli.run("db", "current", "--port", "2200")
            let shown = try await cli.run("target", "show", "node-1", "--format", "json")
            let listed = try await cli.run("target", "list")
            let serveHelp = try await cli.run("serve", "--help")
            let workerHelp = try await cli.run("worker", "--help")

            #expect(added.status == 0, "\(added.stdout)\(added.stderr)")
            #expect(update.status == 64, "\(update.stdout)\(update.stderr)")
            #expect(!update.stdout.contains("updated target"))
            #expect(update.stderr.contains("--host") || update.stderr.contains("--port"), "\(update.stderr)")
            // Usage errors read like every other failure (#14 item 16).
            #expect(update.stderr.hasPrefix("enabledrm: error: Unknown option '--host'"), "\(update.stderr)")
            #expect(!update.stderr.contains("Error:"), "\(update.stderr)")
            #expect(listed.stdout.hasPrefix("SERIAL\tNAME\tMETHOD\tENVIRONMENT\tSTATUS\tTAGS\n"), "\(listed.stdout)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            let method = try #require((object["communication_methods"] as? [[String: Any]])?.first)
            #expect(object["health_status"] as? String == "unknown", "\(shown.stdout)")
            #expect(method.keys.contains("host_key") && method.keys.contains("last_test"), "\(shown.stdout)")
            #expect(workerFlag.status == 64 && workerFlag.stderr.contains("--worker-slots"), "\(workerFlag.stderr)")
            #expect(listenFlag.status == 64 && listenFlag.stderr.contains("--port"), "\(listenFlag.stderr)")
            #expect(shown.stdout.contains("127.0.9.1") && !shown.stdout.contains("127.0.9.9"), "\(shown.stdout)")
            #expect(!shown.stdout.contains("2200"))
            #expect(serveHelp.stdout.contains("--port") && serveHelp.stdout.contains("--worker-slots"))
            #expect(workerHelp.stdout.contains("--worker-slots") && !workerHelp.stdout.contains("--port"))
        }
    }
}
