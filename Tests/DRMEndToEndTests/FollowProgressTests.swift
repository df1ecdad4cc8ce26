import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// Issue 14, item 8: `job run --follow` on a terminal shows the progress bar from the start and each target's
/// output as it comes, not when the target ends.
@Suite struct FollowProgressTests {
    @Test func followShowsProgressAndOutputBeforeATargetEnds() async throws {
        let directory = FileManager.default.temporaryDirectory.path + "/enabledrm-follow-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let gate = directory + "/gate"
        let ssh = try await SSHServer.start(addresses: ["127.0.8.21", "127.0.8.22"])
        defer { ssh.stop() }
        let cli = try CLIProcess(
            workingDirectory: directory, environment: ["ENABLEDRM_ADMIN_PASSWORD": "Follow-admin-pass-1"])
        #expect(try await cli.run("db", "upgrade").status == 0)
        try FileManager.default.copyItem(atPath: ssh.keys.ed25519, toPath: directory + "/id_ed25519")
        try """
        name,host,port,username,password,key_file,tags,os_type,host_key
        f-1,127.0.8.21,\(ssh.port),\(ssh.username),,id_ed25519,lab,linux,\(ssh.hostPublicKey)
        f-2,127.0.8.22,\(ssh.port),\(ssh.username),,id_ed25519,lab,linux,\(ssh.hostPublicKey)
        """.write(toFile: directory + "/lab.csv", atomically: true, encoding: .utf8)
        try """
        {"name": "follow me", "target_filter": "tag=lab",
         "actions": [{"action_type": "command", "action_parameters": {"command": "echo early-{{target.name}}; while [ ! -e \(gate) ]; do sleep 0.1; done; echo late-{{target.name}}"}}]}
        """.write(toFile: directory + "/job.json", atomically: true, encoding: .utf8)
        #expect(try await cli.run("target", "import", "lab.csv").status == 0)
        #expect(try await cli.run("job", "create", "--file", "job.json").status == 0)

        // `script` gives the command a terminal, so it draws the bar as a person would see it.
        let transcript = directory + "/transcript"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = [
            "-qfec", "\(CLIProcess.binary.path) job run --follow 'follow me'", transcript,
        ]
        process.environment = cli.environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        func screen() -> String { (try? String(contentsOfFile: transcript, encoding: .utf8)) ?? "" }

        let early = try await waitUntil(every: .milliseconds(100)) {
            let text = screen()
            return text.contains("0/2 done") && text.contains("| early-f-1") && text.contains("| early-f-2")
        }
        #expect(early, "the bar and each target's first output while both still run: \(screen())")
        #expect(!screen().contains("late-"), "no target has ended yet")
        _ = FileManager.default.createFile(atPath: gate, contents: nil)
        let ended = try await waitUntil(every: .milliseconds(100)) { !process.isRunning }
        #expect(ended && process.terminationStatus == 0, "\(screen())")
        #expect(screen().contains("| late-f-2"))
    }
}
