import DRMSchema
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// `serve` checks its port before it creates anything, and a SIGTERM says what it waits for (#14 item 15).
@Suite(.serialized) struct ServeLifecycleTests {
    @Test("a busy port stops serve before it creates a database, a key or an administrator password")
    func busyPortCreatesNothing() async throws {
        let first = UserCommandTests.scratch()
        let second = UserCommandTests.scratch()
        defer { for directory in [first, second] { try? FileManager.default.removeItem(atPath: directory) } }
        let server = try await CLIProcess(workingDirectory: first).serve()
        defer { server.stop() }

        let refused = try await CLIProcess(workingDirectory: second, withKey: false).run(
            "serve", "--port", "\(server.port)")

        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "enabledrm: error: can't listen on 127.0.0.1:\(server.port): the address is in use (is another "
                + "server running? choose a port with --port)\n", "\(refused.stderr)")
        #expect(!refused.stdout.contains("First administrator"), "\(refused.stdout)")
        #expect(!FileManager.default.fileExists(atPath: second + "/enabledrm-data"), "nothing is created")
    }

    @Test("SIGTERM: the worker logs that it drains, how many tasks it waits for, and when they ended")
    func sigtermLogsTheDrain() async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.6.41"])
        defer { ssh.stop() }
        try await TestDatabase.with(.sqlite) { database in
            let directory = UserCommandTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let cli = try await JobCommandTests.cli(database, ssh: ssh, directory: directory)
            try """
            {"name": "slow", "target_filter": "tag=lab",
             "actions": [{"action_type": "command", "action_parameters": {"command": "sleep 3; echo done"}}]}
            """.write(toFile: directory + "/slow.json", atomically: true, encoding: .utf8)
            #expect(try await cli.run("job", "create", "--file", "slow.json").status == 0)
            let worker = try cli.start(["worker", "--name", "drainer"], name: "drainer")
            let sql = database.sql
            try await JobCommandTests.waitFor("the worker's heartbeat") {
                try await sql.raw("SELECT count(*) AS n FROM celery_metrics_snapshots").first()?
                    .decode(column: "n", as: Int.self) ?? 0 > 0
            }
            let queued = try await cli.run("job", "run", "slow")
            #expect(queued.status == 0, "\(queued.stdout)\(queued.stderr)")
            try await JobCommandTests.waitFor("the branch to run") {
                try await sql.raw("SELECT count(*) AS n FROM job_execution_branches WHERE status = 'running'")
                    .first()?.decode(column: "n", as: Int.self) ?? 0 == 1
            }

            let status = worker.kill(SIGTERM)
            let branch = try await sql.raw("SELECT status FROM job_execution_branches").first()?
                .decode(column: "status", as: String.self)

            #expect(status == 0, "\(worker.log)")
            #expect(branch == "completed", "the running task finished before the worker stopped")
            let log = worker.log
            let draining = try #require(log.range(of: "draining: waiting for running tasks to finish"), "\(log)")
            let drained = try #require(log.range(of: "drained: every running task ended"), "\(log)")
            let stopped = try #require(log.range(of: "worker stopped"), "\(log)")
            #expect(draining.lowerBound < drained.lowerBound && drained.lowerBound < stopped.lowerBound)
            #expect(log.contains("running=1"), "\(log)")
        }
    }
}
