import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// `enabledrm target import` then `target test` against a real sshd: the CLI contract of connection tests.
@Suite struct TargetTestCommandTests {
    @Test(
        "import targets, test them against a real sshd, see each outcome and the host key recorded",
        arguments: SchemaDialect.allCases)
    func importAndTest(dialect: SchemaDialect) async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.0.1", "127.0.0.2"])
        defer { ssh.stop() }
        let closedPort = try FreePort.find()
        try await TestDatabase.with(dialect) { database in
            let directory = UserCommandTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let cli = try CLIProcess(
                workingDirectory: directory, environment: ["ENABLEDRM_DATABASE_URL": database.urlString])
            try FileManager.default.copyItem(atPath: ssh.keys.ed25519, toPath: directory + "/id_ed25519")
            try """
            name,host,port,username,password,key_file,tags,os_type
            by-password,127.0.0.1,\(ssh.port),\(ssh.username),\(ssh.password),,lab,linux
            by-key,127.0.0.2,\(ssh.port),\(ssh.username),,id_ed25519,lab,linux
            wrong-password,127.0.0.1,\(closedPort),\(ssh.username),nope,,broken,linux
            """.write(toFile: directory + "/lab.csv", atomically: true, encoding: .utf8)

            let imported = try await cli.run("target", "import", "lab.csv")
            let good = try await cli.run("target", "test", "--filter", "tag=lab")
            let all = try await cli.run("target", "test", "--timeout", "5")
            let json = try await cli.run("target", "test", "by-key", "--format", "json")
            let keys = try await database.sql.raw(
                "SELECT host_key FROM target_communication_methods WHERE host_key IS NOT NULL"
            ).all().map { try $0.decode(column: "host_key", as: String.self) }

            #expect(imported.stdout.contains("imported 3, rejected 0"), "\(imported.stdout)\(imported.stderr)")
            #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
            #expect(good.stdout.contains("ok   by-password  ssh 127.0.0.1:\(ssh.port)"))
            #expect(good.stdout.contains("ok   by-key  ssh 127.0.0.2:\(ssh.port)"))
            #expect(good.stdout.contains("tested 2, succeeded 2, failed 0"))
            #expect(all.status == 1, "a failed test fails the command")
            #expect(all.stdout.contains("FAIL wrong-password  ssh 127.0.0.1:\(closedPort)"))
            #expect(all.stdout.contains("refused: "))
            #expect(all.stdout.contains("tested 3, succeeded 2, failed 1"))
            let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            #expect(parsed?.count == 1 && parsed?.first?["success"] as? Bool == true)
            #expect(keys.count == 2 && Set(keys).count == 1, "the host key both addresses presented is recorded")
            #expect(!(good.stdout + all.stdout + json.stdout).contains(ssh.password))
        }
    }
}
