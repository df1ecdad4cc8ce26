import DRMCore
import DRMSchema
import DRMTestSupport
import Foundation
import Testing

/// Recovering from a changed host key and a rotated credential for a whole filter from the CLI (#14 item 3).
@Suite struct HostKeyCommandTests {
    static let otherKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"

    @Test("host-key list shows pinned beside offered; accept --filter pins them; credential --filter replaces keys")
    func recoverAFleet() async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.6.51", "127.0.6.52"])
        defer { ssh.stop() }
        try await TestDatabase.with(.sqlite) { database in
            let directory = UserCommandTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let cli = try CLIProcess(
                workingDirectory: directory, environment: ["ENABLEDRM_DATABASE_URL": database.urlString])
            try FileManager.default.copyItem(atPath: ssh.keys.ed25519, toPath: directory + "/id_ed25519")
            let rows = ssh.addresses.enumerated().map { index, address in
                "n-\(index + 1),\(address),\(ssh.port),\(ssh.username),\(ssh.password),,lab,linux,\(Self.otherKey)"
            }
            try (["name,host,port,username,password,key_file,tags,os_type,host_key"] + rows).joined(separator: "\n")
                .write(toFile: directory + "/lab.csv", atomically: true, encoding: .utf8)
            #expect(try await cli.run("target", "import", "lab.csv").status == 0)

            let refused = try await cli.run("target", "test", "--filter", "tag=lab")
            let listed = try await cli.run("target", "host-key", "list", "--filter", "tag=lab")
            let accepted = try await cli.run("target", "host-key", "accept", "--filter", "tag=lab")
            let again = try await cli.run("target", "host-key", "accept", "n-1")
            let tested = try await cli.run("target", "test", "--filter", "tag=lab")
            let replaced = try await cli.run(
                "target", "credential", "--filter", "tag=lab", "--username", ssh.username, "--key-file", "id_ed25519")
            let byKey = try await cli.run("target", "test", "--filter", "tag=lab")
            let shown = try await cli.run("target", "show", "n-2")

            #expect(refused.status == 1 && refused.stdout.contains("hostKey: host key of"), "\(refused.stdout)")
            let lines = listed.stdout.split(separator: "\n")
            #expect(lines.first == "TARGET\tENDPOINT\tSTATE\tPINNED\tOFFERED", "\(listed.stdout)")
            #expect(lines.count == 3 && lines.dropFirst().allSatisfy { $0.contains("\tchanged\tSHA256:") })
            let offered = try #require(lines.last?.split(separator: "\t").last.map(String.init))
            let pinned = try #require(lines.last?.split(separator: "\t").dropLast().last.map(String.init))
            #expect(offered != pinned && offered.hasPrefix("SHA256:"), "\(listed.stdout)")
            #expect(accepted.stdout.hasSuffix("accepted 2, left 0\n"), "\(accepted.stdout)\(accepted.stderr)")
            #expect(accepted.stdout.contains("accepted n-1 127.0.6.51:\(ssh.port): \(offered)"))
            #expect(again.stdout.contains("left n-1 127.0.6.51:\(ssh.port): the last test saw the pinned key"))
            #expect(tested.status == 0, "\(tested.stdout)")
            #expect(replaced.stdout.hasSuffix("replaced 2, left 0\n"), "\(replaced.stdout)\(replaced.stderr)")
            #expect(byKey.status == 0, "\(byKey.stdout)")
            #expect(shown.stdout.contains("credential: ssh_key as \(ssh.username) [private key]"), "\(shown.stdout)")
        }
    }
}
