import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// Issue 18: `GET /metrics` of a real `enabledrm serve`, scraped by a real Prometheus server on loopback; the series
/// are read back through Prometheus's HTTP API after a job run, and `promtool check metrics` accepts the text.
@Suite struct MetricsScrapeTests {
    static func scratch() -> String {
        FileManager.default.temporaryDirectory.path + "/enabledrm-metrics-\(UUID().uuidString.prefix(8))"
    }

    @Test func prometheusScrapesTheSeriesOfAJobRun() async throws {
        try #require(PrometheusServer.isInstalled, "needs Debian's prometheus package (scripts/test installs it)")
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ssh = try await SSHServer.start(addresses: ["127.0.18.11", "127.0.18.12"])
        defer { ssh.stop() }
        let cli = try CLIProcess(
            workingDirectory: directory, environment: ["ENABLEDRM_ADMIN_PASSWORD": "Metrics-admin-pass-1"])
        #expect(try await cli.run("db", "upgrade").status == 0)
        try FileManager.default.copyItem(atPath: ssh.keys.ed25519, toPath: directory + "/id_ed25519")
        try """
        name,host,port,username,password,key_file,tags,os_type,host_key
        metric-target-1,127.0.18.11,\(ssh.port),\(ssh.username),,id_ed25519,lab,linux,\(ssh.hostPublicKey)
        metric-target-2,127.0.18.12,\(ssh.port),\(ssh.username),,id_ed25519,lab,linux,\(ssh.hostPublicKey)
        """.write(toFile: directory + "/lab.csv", atomically: true, encoding: .utf8)
        try """
        {"name": "measured", "target_filter": "tag=lab",
         "actions": [{"action_type": "command", "action_parameters": {"command": "echo measured-{{target.name}}"}}]}
        """.write(toFile: directory + "/job.json", atomically: true, encoding: .utf8)
        #expect(try await cli.run("target", "import", "lab.csv").status == 0)
        #expect(try await cli.run("job", "create", "--file", "job.json").status == 0)

        let server = try await cli.serve()
        defer { server.stop() }
        let prometheus = try await PrometheusServer.start(scraping: "127.0.0.1:\(server.port)")
        defer { prometheus.stop() }
        // The job runs on serve's worker only once its heartbeat is recorded (else the command runs it itself).
        let workerLive = try await waitUntil(every: .milliseconds(500)) {
            (try await prometheus.query("enabledrm_workers_live")[""] ?? 0) >= 1
        }
        try #require(workerLive, "the sampler reports serve's worker: \(server.log.suffix(2000))")

        let run = try await cli.run("job", "run", "--follow", "measured")
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")

        let scraped = try await waitUntil(every: .milliseconds(500)) {
            (try await prometheus.query("enabledrm_executions_total")["outcome=completed"] ?? 0) >= 1
        }
        #expect(scraped, "Prometheus holds the execution's end")
        #expect(try await prometheus.query("up")[""] == 1)
        #expect(try await prometheus.query("enabledrm_branches_total")["outcome=completed"] == 2)
        #expect(try await prometheus.query("enabledrm_actions_total")["outcome=completed,type=command"] == 2)
        #expect(try await prometheus.query("enabledrm_ssh_connect_seconds_count")[""] == 2)
        #expect(try await prometheus.query("enabledrm_execution_duration_seconds_count")[""] == 1)
        #expect(try await prometheus.query("enabledrm_queue_wait_seconds_count")[""] == 1)
        #expect(try await prometheus.query("enabledrm_tasks_finished_total")["outcome=success"] == 1)
        #expect((try await prometheus.query("enabledrm_tasks_claimed_total")[""] ?? 0) >= 1)
        let requests = try await prometheus.query("enabledrm_http_requests_total")
        #expect(
            (requests["method=GET,route=/metrics,status_class=2xx"] ?? 0) >= 1, "\(requests.keys.sorted())")
        #expect(try await prometheus.query("enabledrm_scheduler_leader")[""] == 1, "serve on SQLite leads")

        // The text itself: accepted by promtool, small, and without a label that grows with the data.
        let (status, body) = try await server.get("/metrics")
        #expect(status == 200)
        #expect(body.utf8.count <= 64 * 1024)
        for leak in ["metric-target", "127.0.18.", "measured", "execution_id", "EXEC-"] {
            #expect(!body.contains(leak), "no series names a target, job or execution: \(leak)")
        }
        let file = directory + "/metrics.txt"
        try body.write(toFile: file, atomically: true, encoding: .utf8)
        let check = try Shell.run("promtool check metrics < '\(file)' 2>&1; echo \"exit=$?\"")
        #expect(check.contains("exit=0"), "promtool check metrics: \(check)")
    }
}
