import DRMSchema
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// Three `enabledrm scheduler` processes on one PostgreSQL; the leader is killed with SIGKILL three times while
/// schedules fire every two and three seconds. Afterwards every due time is one row, none fired twice, and each
/// takeover came after the dead leader's lease expired.
@Suite struct SchedulerFailoverTests {
    func count(_ sql: any SQLDatabase, _ query: String) async throws -> Int {
        try await sql.raw(SQLQueryString(query)).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    @Test func killingTheLeaderHandsOverWithoutDoubleOrLostOccurrences() async throws {
        try await TestDatabase.with(.postgres) { database in
            let directory = UserCommandTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let cli = try CLIProcess(
                workingDirectory: directory, environment: ["ENABLEDRM_DATABASE_URL": database.urlString])
            let sql = database.sql
            #expect(
                try await cli.run(
                    "target", "add", "t1", "--host", "127.0.0.1", "--port", "9", "--username", "u", "--tag", "lab"
                ).status == 0)
            try """
            {"name": "tick", "target_filter": "tag=lab",
             "actions": [{"action_type": "command", "action_parameters": {"command": "true"}}]}
            """.write(toFile: directory + "/tick.json", atomically: true, encoding: .utf8)
            #expect(try await cli.run("job", "create", "--file", "tick.json").status == 0)
            for (name, seconds, overlap) in [
                ("two", 2, "allow_all"), ("three", 3, "allow_all"), ("skipper", 2, "skip"),
            ] {
                let created = try await cli.run(
                    "schedule", "create", "tick", "--name", name, "--every", "\(seconds)", "--overlap", overlap)
                #expect(created.status == 0, "\(created.stderr)")
            }

            var nodes = try (1...3).map { try cli.start(["scheduler"], name: "node\($0)") }
            defer { nodes.forEach { _ = $0.kill(SIGTERM) } }
            var takeovers: [Double] = []
            for round in 1...3 {
                let fired = try await count(sql, "SELECT count(*) AS n FROM schedule_executions")
                let leading = try await waitUntil {
                    try await count(sql, "SELECT count(*) AS n FROM schedule_executions") >= fired + 3
                }
                #expect(leading, "round \(round): schedules fire")
                let lease = try #require(
                    try await sql.raw("SELECT holder, expires_at FROM scheduler_leases WHERE name = 'scheduler'")
                        .first())
                let holder = try lease.decode(column: "holder", as: String.self)
                let victim = try #require(nodes.firstIndex { holder.hasSuffix("-\($0.pid)") }, "\(holder)")
                _ = nodes[victim].kill(SIGKILL)
                let killed = Date()
                let tookOver = try await waitUntil {
                    let now = try await sql.raw("SELECT holder FROM scheduler_leases WHERE name = 'scheduler'").first()?
                        .decode(column: "holder", as: String.self)
                    return now != nil && now != holder
                }
                #expect(tookOver, "round \(round): another node takes the lease")
                let next = try #require(
                    try await sql.raw("SELECT acquired_at FROM scheduler_leases WHERE name = 'scheduler'").first())
                let acquired = try next.decode(column: "acquired_at", as: Date.self)
                // The new leader took the row only once the dead one's lease had run out.
                #expect(acquired >= (try lease.decode(column: "expires_at", as: Date.self)))
                takeovers.append(acquired.timeIntervalSince(killed))
                nodes[victim] = try cli.start(["scheduler"], name: "node\(round + 3)")
            }
            // Let the last leader fire a few more times, then stop every node.
            let before = try await count(sql, "SELECT count(*) AS n FROM schedule_executions")
            _ = try await waitUntil {
                try await count(sql, "SELECT count(*) AS n FROM schedule_executions") >= before + 3
            }
            nodes.forEach { _ = $0.kill(SIGTERM) }
            _ = try await waitUntil { nodes.allSatisfy { !$0.isRunning } }
            print("scheduler takeover after kill -9 (s): \(takeovers.map { String(format: "%.1f", $0) })")
            // Lateness across the kills: when each due time was recorded (fired, or missed by the policy) after it.
            let recorded = try await sql.raw(
                "SELECT scheduled_at, COALESCE(started_at, completed_at, created_at) AS at FROM schedule_executions"
            ).all().map {
                try $0.decode(column: "at", as: Date.self).timeIntervalSince(
                    try $0.decode(column: "scheduled_at", as: Date.self))
            }.sorted()
            #expect(recorded.allSatisfy { $0 >= -0.001 }, "nothing recorded before it was due")
            print(
                String(
                    format: "lateness across leader kills n=%d: p50 %.2f s, p99 %.2f s, max %.2f s", recorded.count,
                    recorded[recorded.count / 2], recorded[min(recorded.count - 1, recorded.count * 99 / 100)],
                    recorded.last ?? 0))

            let schedules = try await sql.raw(
                "SELECT id, interval_seconds AS every, start_date FROM job_schedules ORDER BY id"
            ).all()
            #expect(schedules.count == 3)
            for schedule in schedules {
                let id = try schedule.decode(column: "id", as: Int.self)
                let every = try schedule.decode(column: "every", as: Int.self)
                let start = try schedule.decode(column: "start_date", as: Date.self)
                let rows = try await sql.raw(
                    "SELECT scheduled_at, status::text AS s FROM schedule_executions WHERE job_schedule_id = \(bind: id) ORDER BY scheduled_at"
                ).all()
                let times = try rows.map { try $0.decode(column: "scheduled_at", as: Date.self) }
                let statuses = try rows.map { try $0.decode(column: "s", as: String.self) }
                let last = try #require(times.last)
                // Intervals count from the start in whole seconds; the first fire time is one interval after it.
                let anchor = start.timeIntervalSince1970.rounded(.down)
                let due = Array(
                    stride(from: anchor + Double(every), through: last.timeIntervalSince1970, by: Double(every)))
                // Every due time from the first to the last is there exactly once.
                #expect(times.map(\.timeIntervalSince1970) == due, "schedule \(id)")
                #expect(Set(statuses).isSubset(of: ["running", "missed", "skipped"]), "\(statuses)")
                #expect(statuses.contains("missed"), "the outages left missed times")
            }
            let linked = try await count(
                sql, "SELECT count(job_execution_id) AS n FROM schedule_executions")
            let distinct = try await count(
                sql, "SELECT count(DISTINCT job_execution_id) AS n FROM schedule_executions")
            let executions = try await count(sql, "SELECT count(*) AS n FROM job_executions")
            #expect(linked == distinct, "no execution belongs to two occurrences")
            #expect(executions == linked, "no run without its occurrence: none fired twice")
            #expect(takeovers.count == 3)
        }
    }
}
