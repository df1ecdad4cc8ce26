import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Jobs run for real: SSH on a real sshd with one target per loopback address, on SQLite and PostgreSQL.
@Suite(.serialized) struct JobRunTests {
    static let addresses = (1...16).map { "127.0.3.\($0)" }

    /// sshd servers with `count` addresses in all (sshd listens on at most 16 addresses each).
    static func servers(_ count: Int) async throws -> [SSHServer] {
        let first = try await SSHServer.start(addresses: Array(addresses.prefix(min(count, 16))))
        guard count > 16 else { return [first] }
        do {
            return [first, try await SSHServer.start(addresses: (1...(count - 16)).map { "127.0.4.\($0)" })]
        } catch {
            first.stop()
            throw error
        }
    }

    @Test(
        "a command on 20 targets: every branch completes, with results, phase-tagged logs and serials",
        arguments: SchemaDialect.allCases)
    func commandOnTwentyTargets(dialect: SchemaDialect) async throws {
        let ssh = try await Self.servers(20)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let job = try await world.job(
                "greet", [(.command, ["command": "echo {{greeting}} from {{target.name}}; echo ok"], nil)],
                options: [JobOption(name: "greeting", required: true)])

            let execution = try await world.run(job, parameters: ["greeting": "hi 'there' $(id)"])

            #expect(execution.summary.status == .completed)
            #expect(execution.summary.totalTargets == 20)
            #expect(execution.summary.targets == ["completed": 20])
            #expect(execution.summary.serial == job.serial + ".0001")
            #expect(execution.branches.map(\.serial) == (1...20).map { job.serial + String(format: ".0001.%04d", $0) })
            #expect(Set(execution.branches.map(\.exitCode)) == [0])
            let results = try await world.engine.query.results(executionID: execution.summary.id)
            #expect(results.count == 20)
            let first = try #require(results.first { $0.branchID == execution.branches[0].id })
            // The value went in shell-quoted: quotes and `$(id)` are printed, not interpreted.
            #expect(first.output == "hi 'there' $(id) from t-01\nok\n")
            #expect(first.serial == execution.branches[0].serial + ".0001")
            #expect(first.attempts == 1)
            let logs = try await world.logs(execution.summary.id)
            for branch in execution.branches {
                let phases = Set(logs.filter { $0.branchID == branch.id }.map(\.phase))
                #expect(
                    phases == [.targetSelection, .authentication, .actionExecution, .resultCollection, .completion],
                    "\(branch.targetName)")
                #expect(logs.contains { $0.branchID == branch.id && $0.message == "ok" && $0.outputStream == "stdout" })
            }
            #expect(logs.first?.phase == .creation)
            #expect(logs.last?.message == "finished: all 20 target(s) completed")
            let second = try await world.run(job, parameters: ["greeting": "again"])
            #expect(second.summary.serial == job.serial + ".0002")
        }
    }

    @Test(
        "a partial failure fails only its branches and skips their later actions; the stop policy skips the rest",
        arguments: SchemaDialect.allCases)
    func partialFailure(dialect: SchemaDialect) async throws {
        let ssh = try await Self.servers(6)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let failing = "case {{target.name}} in t-01|t-02) echo broken >&2; exit 3;; esac; echo ok"
            let job = try await world.job(
                "partly", [(.command, ["command": .string(failing)], nil), (.command, ["command": "echo second"], nil)])

            let execution = try await world.run(job)

            #expect(execution.summary.status == .partiallyFailed)
            #expect(execution.summary.targets == ["completed": 4, "failed": 2])
            let failed = execution.branches.filter { $0.status == .failed }.map(\.targetName)
            #expect(failed == ["t-01", "t-02"])
            let results = try await world.engine.query.results(executionID: execution.summary.id)
            let broken = results.filter { $0.branchID == execution.branches[0].id }
            #expect(broken.map(\.status) == [.failed, .skipped])
            #expect(broken[0].exitCode == 3)
            #expect(broken[0].error == "broken\n")

            let stopping = try await world.job(
                "stop at first failure", [(.command, ["command": .string(failing)], nil)], parallelism: 1,
                failurePolicy: .stop)
            let stopped = try await world.run(stopping)
            #expect(stopped.summary.status == .failed)
            #expect(stopped.branches.map(\.status) == [.failed] + Array(repeating: .skipped, count: 5))

            let lenient = try await world.job(
                "keep going",
                [
                    (.command, ["command": .string(failing)], ["continue_on_error": true]),
                    (.command, ["command": "echo second"], nil),
                ])
            let kept = try await world.run(lenient)
            #expect(kept.summary.status == .completed, "a failure marked continue_on_error doesn't fail the branch")
        }
    }

    @Test("script, file transfer both ways and HTTP requests", arguments: SchemaDialect.allCases)
    func otherActionTypes(dialect: SchemaDialect) async throws {
        let ssh = try await Self.servers(3)
        defer { ssh.forEach { $0.stop() } }
        let http = try await HTTPTestServer.start()
        defer { http.stop() }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let remote = "/tmp/drm-e2e-\(UUID().uuidString.prefix(8))-{{target.name}}.txt"
            let job = try await world.job(
                "mixed",
                [
                    (
                        .script,
                        [
                            "content": #"echo "args: $1|$2"; echo "env: $DRM_TARGET_NAME $DRM_VERSION""#,
                            "arguments": ["a b", "{{version}}"],
                        ], nil
                    ),
                    (
                        .fileTransfer,
                        [
                            "remote_path": .string(remote), "content": "release {{version}} on {{target.name}}\n",
                            "mode": "0600",
                        ],
                        nil
                    ),
                    (.command, ["command": .string("stat -c %a \(remote) && cat \(remote)")], nil),
                    (.fileTransfer, ["direction": "download", "remote_path": .string(remote)], nil),
                    (
                        .httpRequest,
                        [
                            "method": "POST", "url": .string(http.baseURL + "/echo?target={{target.name}}"),
                            "body": "v={{version}}",
                        ],
                        nil
                    ),
                    (.httpRequest, ["url": .string(http.baseURL + "/status/201"), "expected_status": [201]], nil),
                ], options: [JobOption(name: "version", defaultValue: "1.2")])

            let execution = try await world.run(job)

            #expect(execution.summary.status == .completed, "\(execution.branches.map { $0.error ?? "" })")
            let results = try await world.engine.query.results(executionID: execution.summary.id)
            let t2 = results.filter { $0.branchID == execution.branches[1].id }
            #expect(t2.map(\.type) == [.script, .fileTransfer, .command, .fileTransfer, .httpRequest, .httpRequest])
            #expect(t2[0].output == "args: a b|1.2\nenv: t-02 1.2\n")
            #expect(t2[2].output == "600\nrelease 1.2 on t-02\n")
            let saved = world.engine.dataDirectory.appending(path: "downloads/\(execution.summary.serial)/t-02")
                .appending(path: (remote.replacing("{{target.name}}", with: "t-02") as NSString).lastPathComponent)
            #expect(try String(contentsOf: saved, encoding: .utf8) == "release 1.2 on t-02\n")
            #expect(t2[4].output?.contains(#""body": "v=1.2""#) == true, "\(t2[4].output ?? "")")
            #expect(t2[4].output?.contains("target=t-02") == true)
            #expect(t2[5].exitCode == 201)
            for name in ["t-01", "t-02", "t-03"] {
                try? FileManager.default.removeItem(atPath: remote.replacing("{{target.name}}", with: name))
            }
        }
    }

    @Test(
        "a time-out stops the command; retries with backoff; an execution time-out", arguments: SchemaDialect.allCases)
    func timeoutsAndRetries(dialect: SchemaDialect) async throws {
        let ssh = try await Self.servers(3)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let marker = "/tmp/drm-retry-\(UUID().uuidString.prefix(8))-{{target.name}}"
            let job = try await world.job(
                "slow and flaky",
                [
                    (
                        .command,
                        ["command": .string("if [ -e \(marker) ]; then echo ok; else touch \(marker); exit 1; fi")],
                        ["retries": 2, "retry_backoff_seconds": 0.1]
                    ),
                    // Ten minutes: only its 1 s time-out can end it before the test's own time limit.
                    (.command, ["command": "sleep 600"], ["timeout_seconds": 1]),
                ])

            let execution = try await world.run(job)

            #expect(execution.summary.status == .failed)
            #expect(Set(execution.branches.map(\.status)) == [.timedOut])
            let results = try await world.engine.query.results(executionID: execution.summary.id)
            #expect(results.filter { $0.order == 1 }.map(\.attempts) == [2, 2, 2])
            #expect(Set(results.filter { $0.order == 1 }.map(\.status)) == [.completed])
            #expect(Set(results.filter { $0.order == 2 }.map(\.status)) == [.timedOut])
            let logs = try await world.logs(execution.summary.id)
            #expect(logs.contains { $0.level == .warning && $0.message.hasPrefix("attempt 1 failed") })

            let whole = try await world.job(
                "execution time-out", [(.command, ["command": "sleep 600"], nil)], timeout: 1)
            let timedOut = try await world.run(whole)
            #expect(timedOut.summary.status == .timedOut)
            #expect(Set(timedOut.branches.map(\.status)) == [.timedOut])
            for name in ["t-01", "t-02", "t-03"] {
                try? FileManager.default.removeItem(atPath: marker.replacing("{{target.name}}", with: name))
            }
        }
    }

    @Test("cancelling stops the remote commands and marks the branches cancelled", arguments: SchemaDialect.allCases)
    func cancel(dialect: SchemaDialect) async throws {
        let ssh = try await Self.servers(4)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let token = "drm-cancel-\(UUID().uuidString.prefix(8))"
            let job = try await world.job("long", [(.command, ["command": .string("sleep 60; echo \(token)")], nil)])
            let launched = try await world.engine.launcher(world.audit).launch(.init(jobID: job.id))
            let running = Task { try await world.runQueued(launched) }
            let branches = try await world.engine.query.detail(launched.executionID).branches.count
            // Every branch's remote command has started (a branch is marked running just before).
            let started = try await waitUntil { try remoteProcesses(token) == branches }
            try #require(started, "\(branches) remote commands started")

            _ = try await world.engine.cancel(executionID: launched.executionID, audit: world.audit)
            try await running.value

            let execution = try await world.engine.query.detail(launched.executionID)
            #expect(execution.summary.status == .cancelled)
            #expect(Set(execution.branches.map(\.status)) == [.cancelled])
            let ended = try await waitUntil { try remoteProcesses(token) == 0 }
            #expect(ended, "remote commands left: \((try? remoteProcesses(token)) ?? -1)")
            let audited = try await AuditEvent.query(on: world.db).filter(\.$action == "execution.cancel").count()
            #expect(audited == 1)
            await #expect(throws: JobError.self) {
                _ = try await world.engine.cancel(executionID: launched.executionID, audit: world.audit)
            }
        }
    }

    @Test("a run's parameters are checked before anything runs", arguments: SchemaDialect.allCases)
    func parameters(dialect: SchemaDialect) async throws {
        let ssh = try await Self.servers(1)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let job = try await world.job(
                "params", [(.command, ["command": "echo {{count}} {{mode}}"], nil)],
                options: [
                    JobOption(name: "count", type: .integer, required: true),
                    JobOption(name: "mode", defaultValue: "safe", allowed: ["fast", "safe"]),
                ])
            let launcher = world.engine.launcher(world.audit)
            let cases: [([String: JSONValue], String)] = [
                ([:], "parameters.count"), (["count": "many"], "parameters.count"),
                (["count": 2, "mode": "reckless"], "parameters.mode"),
                (["count": 2, "colour": "red"], "parameters.colour"),
            ]
            for (given, field) in cases {
                await #expect(throws: JobError.self) {
                    _ = try await launcher.launch(.init(jobID: job.id, parameters: given))
                }
                do { _ = try await launcher.launch(.init(jobID: job.id, parameters: given)) } catch let error
                    as JobError
                {
                    #expect(error.field == field)
                }
            }
            #expect(try await Execution.query(on: world.db).count() == 0, "nothing was queued")
            let execution = try await world.run(job, parameters: ["count": "3"])
            let results = try await world.engine.query.results(executionID: execution.summary.id)
            #expect(results.first?.output == "3 safe\n")
        }
    }
}

/// Host keys in jobs: a pinned-policy method without a recorded key is refused; `record_first_use` records it.
@Suite struct JobHostKeyTests {
    @Test("an unknown host key fails the branch unless the method records first use", arguments: SchemaDialect.allCases)
    func unknownHostKeys(dialect: SchemaDialect) async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.9.1", "127.0.9.2"])
        defer { ssh.stop() }
        try await JobWorld.with(dialect, ssh: []) { world in
            let inventory = TargetInventory(database: world.db, vault: JobWorld.vault, audit: world.audit)
            let key = try SSHTestKeys.pem(ssh.keys.ed25519)
            var ids: [Int] = []
            for (name, address, policy) in [
                ("pinned", "127.0.9.1", "pinned"), ("tofu", "127.0.9.2", "record_first_use"),
            ] {
                let record = try await inventory.create(
                    TargetDraft(
                        name: name,
                        methods: [
                            MethodDraft(
                                methodType: "ssh",
                                config: [
                                    "host": .string(address), "port": .number(Double(ssh.port)),
                                    "host_key_policy": .string(policy),
                                ], credential: CredentialInput(type: .sshKey, username: ssh.username, privateKey: key))
                        ]))
                ids.append(try record.target.requireID())
            }
            let job = try await world.job("keys", [(.command, ["command": "echo ok"], nil)], targets: ids)

            let execution = try await world.run(job)

            #expect(execution.summary.status == .partiallyFailed)
            #expect(execution.branches.map(\.status) == [.failed, .completed])
            #expect(execution.branches[0].error?.contains("no host key is recorded") == true)
            let stored = try await CommunicationMethod.query(on: world.db).sort(\.$targetID).all().map(\.hostKey)
            #expect(stored == [nil, ssh.hostPublicKey], "the first use recorded the presented key, and only there")
        }
    }

    @Test(
        "a credential that can't be decrypted fails its branch with the reason and never tries to log in",
        arguments: SchemaDialect.allCases)
    func undecryptableCredential(dialect: SchemaDialect) async throws {
        let ssh = try await JobRunTests.servers(2)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            // t-01's credential was written under another key (e.g. before a key change without rotation).
            let otherVault = CredentialVault(current: CredentialKey(secretKey: Data(repeating: 9, count: 32)))
            let method = try #require(
                try await CommunicationMethod.query(on: world.db).filter(\.$targetID == world.targets[0]).first())
            let credential = try #require(
                try await Credential.query(on: world.db).filter(\.$communicationMethodID == method.requireID()).first())
            credential.encryptedCredentials = try otherVault.encrypt(
                CredentialSecret(type: "password", username: "root", password: ""))
            try await credential.save(on: world.db)
            let job = try await world.job("who", [(.command, ["command": "echo ok"], nil)])

            let execution = try await world.run(job)

            #expect(execution.summary.status == .partiallyFailed)
            let broken = try #require(execution.branches.first { $0.targetID == world.targets[0] })
            let fine = try #require(execution.branches.first { $0.targetID == world.targets[1] })
            #expect(broken.status == .failed)
            #expect(broken.error?.contains("the stored credential can't be read") == true, "\(broken.error ?? "-")")
            #expect(fine.status == .completed)
            let logs = try await world.logs(execution.summary.id)
            #expect(
                !logs.contains { $0.branchID == broken.id && $0.message.hasPrefix("connected as") },
                "the branch never logged in")
            let results = try await world.engine.query.results(executionID: execution.summary.id)
            #expect(results.filter { $0.branchID == broken.id }.map(\.status) == [.skipped])
        }
    }

    @Test(
        "a credential's password printed by a command is masked in results, logs and exports",
        arguments: SchemaDialect.allCases)
    func secretsAreMaskedInOutput(dialect: SchemaDialect) async throws {
        let ssh = try await JobRunTests.servers(1)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let inventory = TargetInventory(database: world.db, vault: JobWorld.vault, audit: world.audit)
            let target = try await inventory.detail(world.targets[0])
            _ = try await inventory.updateMethod(
                try target.methods[0].method.requireID(), of: world.targets[0],
                MethodChanges(
                    credential: CredentialInput(
                        type: .password, username: SSHServer.username, password: SSHServer.password)))
            let job = try await world.job(
                "leaky", [(.command, ["command": .string("echo 'the password is \(SSHServer.password)'")], nil)])

            let detail = try await world.run(job)

            #expect(detail.summary.status == .completed, "\(detail.branches)")
            let output = try #require(detail.branches.first?.output)
            #expect(output.contains("the password is ********"), "\(output)")
            let logs = try await world.logs(detail.summary.id)
            #expect(!logs.contains { $0.message.contains(SSHServer.password) })
            #expect(logs.contains { $0.message.contains("the password is ********") })
            let csv = ExecutionExport.csv(ExecutionExport.rows(detail))
            #expect(!csv.contains(SSHServer.password))
        }
    }
}

/// The test user's processes whose command line contains `token` (sshd runs on this machine).
func remoteProcesses(_ token: String) throws -> Int {
    let output = try Shell.run("pgrep -u \(SSHServer.username) -f '\(token)' | wc -l")
    return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
}
