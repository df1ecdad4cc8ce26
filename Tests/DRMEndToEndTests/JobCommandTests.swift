import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// `enabledrm run`, `enabledrm job …` and `enabledrm worker` as processes, against a real sshd.
@Suite(.serialized) struct JobCommandTests {
    /// A CLI on `database` with one target per address of `ssh` (`t-01`, …), imported with their host keys.
    static func cli(_ database: TestDatabase, ssh: SSHServer, directory: String) async throws -> CLIProcess {
        let cli = try CLIProcess(
            workingDirectory: directory,
            environment: ["ENABLEDRM_DATABASE_URL": database.urlString, "ENABLEDRM_WORKER_LEASE_SECONDS": "3"])
        try FileManager.default.copyItem(atPath: ssh.keys.ed25519, toPath: directory + "/id_ed25519")
        let rows = ssh.addresses.enumerated().map { index, address in
            String(format: "t-%02d", index + 1)
                + ",\(address),\(ssh.port),\(ssh.username),,id_ed25519,lab,linux,\(ssh.hostPublicKey)"
        }
        try (["name,host,port,username,password,key_file,tags,os_type,host_key"] + rows).joined(separator: "\n")
            .write(toFile: directory + "/lab.csv", atomically: true, encoding: .utf8)
        let imported = try await cli.run("target", "import", "lab.csv")
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        return cli
    }

    @Test("run prints each target's output prefixed with its name and host:port, a status line, and the exit status")
    func adhocRun() async throws {
        let ssh = try await SSHServer.start(addresses: (1...5).map { "127.0.5.\($0)" })
        defer { ssh.stop() }
        try await TestDatabase.with(.sqlite) { database in
            let directory = UserCommandTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let cli = try await Self.cli(database, ssh: ssh, directory: directory)

            let api = try await cli.run("target", "add", "api-1", "--host", "127.0.5.99", "--method", "http")
            let all = try await cli.run("run", "--all", "--", "echo line one; echo ok")
            let onlyAPI = try await cli.run("run", "--filter", "name=api-1", "--", "true")
            let failing = try await cli.run("run", "--filter", "name=t-01 or name=t-02", "--", "echo partial; exit 4")
            let json = try await cli.run("run", "--filter", "name=t-03", "--format", "json", "--", "echo json")
            let usage = try await cli.run("run", "--", "true")

            #expect(api.status == 0, "\(api.stderr)")
            #expect(all.status == 0, "\(all.stdout)\(all.stderr)")
            #expect(
                all.stdout.contains(
                    "left out 1 of 6 selected target(s) that can't run it: api-1 (no active ssh method, which action 1"
                ), "\(all.stdout)")
            #expect(onlyAPI.status == 1, "\(onlyAPI.stdout)")
            #expect(
                onlyAPI.stderr.contains(
                    "none of the 1 selected target(s) can run it: 'api-1' has no active ssh method"),
                "\(onlyAPI.stderr)")
            for (index, address) in ssh.addresses.enumerated() {
                let name = String(format: "t-%02d", index + 1)
                // Output is printed as it comes, so targets' lines interleave; each target's stay in order.
                let lines = all.stdout.split(separator: "\n").filter {
                    $0.hasPrefix("\(name) \(address):\(ssh.port) | ")
                }
                #expect(lines.map { $0.split(separator: "| ").last ?? "" } == ["line one", "ok"], "\(all.stdout)")
                #expect(all.stdout.contains("\(name) \(address):\(ssh.port) completed exit=0 "))
            }
            #expect(all.stdout.contains(" completed: all 5 targets in "), "\(all.stdout)")
            #expect(failing.status == 1)
            #expect(failing.stdout.contains("t-01 127.0.5.1:\(ssh.port) | partial"))
            #expect(failing.stdout.contains("t-01 127.0.5.1:\(ssh.port) failed exit=4 "))
            #expect(failing.stdout.contains(" failed: all 2 targets in "), "\(failing.stdout)")
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let targets = try #require(parsed["targets"] as? [[String: Any]])
            #expect(parsed["status"] as? String == "completed")
            #expect(targets.count == 1 && targets[0]["target"] as? String == "t-03")
            #expect(targets[0]["stdout"] as? String == "json\n" && targets[0]["exit_code"] as? Int == 0)
            #expect(usage.status != 0 && usage.stderr.contains("--all"))
        }
    }

    @Test("job create, run --follow, executions, logs, export and rerun of failed targets")
    func jobCommands() async throws {
        let ssh = try await SSHServer.start(addresses: (1...3).map { "127.0.5.\($0 + 10)" })
        defer { ssh.stop() }
        try await TestDatabase.with(.sqlite) { database in
            let directory = UserCommandTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let cli = try await Self.cli(database, ssh: ssh, directory: directory)
            let marker = "/tmp/drm-rerun-\(UUID().uuidString.prefix(8))"
            try """
            {"name": "deploy", "target_filter": "tag=lab", "parallelism": 2,
             "options": [{"name": "version", "type": "string", "required": true}],
             "actions": [{"action_type": "command", "action_name": "say",
                          "action_parameters": {"command": "echo deploying {{version}} on {{target.name}}"}},
                         {"action_type": "command", "action_name": "flaky",
                          "action_parameters": {"command": "[ {{target.name}} != t-02 ] || [ -e \(marker) ] || { touch \(marker); exit 7; }"}}]}
            """.write(toFile: directory + "/deploy.json", atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: marker) }

            try #"{"name": "typo", "target_filer": "tag=lab", "actions": []}"#.write(
                toFile: directory + "/typo.json", atomically: true, encoding: .utf8)
            let typo = try await cli.run("job", "create", "--file", "typo.json")
            let created = try await cli.run("job", "create", "--file", "deploy.json")
            let missing = try await cli.run("job", "run", "deploy", "--follow")
            let run = try await cli.run("job", "run", "deploy", "--param", "version=2.1", "--follow")
            let executions = try await cli.run("job", "executions", "deploy")
            let rows = executions.stdout.split(separator: "\n")
            let serial = try #require(rows.dropFirst().first?.split(separator: " ").first.map(String.init))
            let logs = try await cli.run("job", "logs", serial)
            let csv = try await cli.run("job", "export", serial, "--format", "csv")
            let json = try await cli.run("job", "export", serial, "--format", "json")
            let listed = try await cli.run("job", "executions", "deploy", "--format", "json")
            let rerun = try await cli.run("job", "rerun", serial)

            #expect(created.status == 0, "\(created.stderr)")
            #expect(typo.status == 1, "\(typo.stdout)")
            #expect(
                typo.stderr.contains("enabledrm: error: typo.json: target_filer: unknown key target_filer"),
                "\(typo.stderr)")
            #expect(
                missing.status == 1 && missing.stderr.contains("parameters.version: is required"), "\(missing.stderr)")
            #expect(run.status == 1, "one target failed: \(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("t-01 127.0.5.11:\(ssh.port) | deploying 2.1 on t-01"))
            #expect(run.stdout.contains("t-02 127.0.5.12:\(ssh.port) failed exit=7"))
            // A header, then each execution with its start, duration, who ran it and its targets (#14 item 16).
            #expect(rows.first == "SERIAL  STATUS  JOB  STARTED  DURATION  BY  TARGETS", "\(executions.stdout)")
            #expect(
                rows.dropFirst().first?.contains(
                    try Regex(
                        #"partially_failed  deploy  20\d\d-\d\d-\d\dT[\d:]+Z  \d+\.\d\d s  admin  2 completed, 1 failed"#
                    )
                ) == true, "\(executions.stdout)")
            #expect(run.stdout.contains(" partially_failed: 2 completed, 1 failed of 3 targets in "), "\(run.stdout)")
            #expect(logs.stdout.contains("[target_selection] t-01 target t-01"))
            #expect(csv.stdout.hasPrefix("target,branch,status,exit_code"))
            #expect(csv.stdout.contains("t-02,\(serial).0002,failed,7,"))
            // One JSON convention for every export (#14 item 4): ISO 8601 text dates, snake_case keys.
            #expect(json.stdout.contains(#""started_at" : "20"#), "\(json.stdout)")
            #expect(listed.stdout.contains(#""job_name" : "deploy""#), "\(listed.stdout)")
            #expect(listed.stdout.contains(#""completed_at" : "20"#), "\(listed.stdout)")
            #expect(!listed.stdout.contains("jobName") && !listed.stdout.contains("isAdhoc"), "\(listed.stdout)")
            #expect(rerun.status == 0, "\(rerun.stdout)\(rerun.stderr)")
            #expect(rerun.stdout.contains("t-02 127.0.5.12:\(ssh.port) completed") && !rerun.stdout.contains("t-01"))
        }
    }

    @Test(
        "kill -9 of a worker mid-run on PostgreSQL: the other worker finishes, every branch is accounted for, no line is lost"
    )
    func workerCrash() async throws {
        let ssh = try await SSHServer.start(addresses: (1...12).map { "127.0.6.\($0)" })
        defer { ssh.stop() }
        try await TestDatabase.with(.postgres) { database in
            let directory = UserCommandTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let cli = try await Self.cli(database, ssh: ssh, directory: directory)
            try """
            {"name": "slow", "target_filter": "tag=lab", "parallelism": 3,
             "actions": [{"action_type": "command", "action_parameters": {"command": "sleep 1; echo done {{target.name}}"}}]}
            """.write(toFile: directory + "/slow.json", atomically: true, encoding: .utf8)
            #expect(try await cli.run("job", "create", "--file", "slow.json").status == 0)
            let workers = [
                try cli.start(["worker", "--name", "alpha"], name: "alpha"),
                try cli.start(["worker", "--name", "beta"], name: "beta"),
            ]
            defer { workers.forEach { $0.kill(SIGTERM) } }
            let sql = database.sql
            try await Self.waitFor("both workers' heartbeats") {
                try await sql.raw("SELECT count(DISTINCT worker_name) AS n FROM celery_metrics_snapshots").first()?
                    .decode(column: "n", as: Int.self) == 2
            }

            let queued = try await cli.run("job", "run", "slow")
            #expect(queued.stdout.hasPrefix("queued J"), "\(queued.stdout)\(queued.stderr)")
            try await Self.waitFor("three branches done") {
                try await sql.raw("SELECT count(*) AS n FROM job_execution_branches WHERE status = 'completed'")
                    .first()?
                    .decode(column: "n", as: Int.self) ?? 0 >= 3
            }
            let owner = try #require(
                try await sql.raw("SELECT worker FROM celery_task_history WHERE status = 'started'").first()?
                    .decode(column: "worker", as: String.self))
            let logged = try await sql.raw("SELECT id, log_message FROM job_execution_logs ORDER BY id").all()
                .map { try $0.decode(column: "id", as: Int.self) }
            let victim = try #require(owner == "alpha" ? workers[0] : owner == "beta" ? workers[1] : nil, "\(owner)")
            victim.kill(SIGKILL)

            try await Self.waitFor("the execution to end") {
                let status = try await sql.raw("SELECT status::text AS s FROM job_executions").first()?
                    .decode(column: "s", as: String.self)
                return status.map { !["running", "queued"].contains($0) } ?? false
            }
            let statuses = try await sql.raw("SELECT status::text AS s FROM job_execution_branches").all()
                .map { try $0.decode(column: "s", as: String.self) }
            let after = Set(
                try await sql.raw("SELECT id FROM job_execution_logs").all().map {
                    try $0.decode(column: "id", as: Int.self)
                })
            let lostLines =
                try await sql.raw(
                    "SELECT count(*) AS n FROM job_execution_logs WHERE log_message LIKE 'worker lost while this branch ran%'"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            let doneLines =
                try await sql.raw(
                    "SELECT count(DISTINCT branch_id) AS n FROM job_execution_logs WHERE log_message LIKE 'done t-%'"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            let finisher = try await sql.raw("SELECT worker, status::text AS s, retries FROM celery_task_history")
                .first()

            #expect(statuses.count == 12)
            #expect(statuses.allSatisfy { ["completed", "failed"].contains($0) }, "\(statuses)")
            #expect(Set(logged).isSubset(of: after), "every line logged before the crash is still there")
            #expect(lostLines == statuses.filter { $0 == "failed" }.count)
            #expect(
                doneLines == statuses.filter { $0 == "completed" }.count, "each completed branch's output is logged")
            #expect(try finisher?.decode(column: "worker", as: String.self) != owner, "the other worker finished it")
            #expect(try finisher?.decode(column: "s", as: String.self) == "success")
            #expect(try finisher?.decode(column: "retries", as: Int.self) == 1)
        }
    }

    static func waitFor(_ what: String, _ condition: () async throws -> Bool) async throws {
        guard try await waitUntil(every: .milliseconds(200), condition) else {
            throw TestSupportError.timedOut(what)
        }
    }
}
