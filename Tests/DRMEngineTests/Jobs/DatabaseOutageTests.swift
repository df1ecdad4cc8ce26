import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// PostgreSQL goes away while commands run on the targets (its database refuses connections and every open one is
/// ended): what the targets did is written once it answers again, and the live worker keeps its own task.
@Suite(.serialized) struct DatabaseOutageTests {
    /// Stops or restores `database`'s connections on the shared cluster: a real outage of this database only.
    static func outage(_ database: TestDatabase, _ down: Bool) async throws {
        guard case .postgres(let location) = database.url else { return }
        let cluster = try await PostgresCluster.shared()
        try await cluster.administer(
            down
                ? [
                    "ALTER DATABASE \"\(location.database)\" ALLOW_CONNECTIONS false",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(location.database)'",
                ]
                : ["ALTER DATABASE \"\(location.database)\" ALLOW_CONNECTIONS true"])
    }

    @Test("an outage shorter than the lease, and one longer: nothing the targets did is lost", arguments: [3, 30])
    func outage(leaseSeconds: Int) async throws {
        let ssh = try await JobRunTests.servers(3)
        defer { ssh.forEach { $0.stop() } }
        let markers = FileManager.default.temporaryDirectory.path + "/enabledrm-outage-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: markers, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: markers)
        defer { try? FileManager.default.removeItem(atPath: markers) }
        try await JobWorld.with(.postgres, ssh: ssh) { world in
            var engine = world.engine
            engine.lease = .seconds(leaseSeconds)
            let job = try await world.job(
                "through an outage",
                [
                    (
                        .command,
                        [
                            "command": .string(
                                "sleep 2; touch \(markers)/{{target.name}}; echo finished on {{target.name}}")
                        ], nil
                    )
                ])
            let launched = try await engine.launcher(world.audit).launch(
                .init(jobID: job.id, triggeredBy: world.userID))
            let worker = engine.worker(name: "survivor", slots: 2)
            let running = Task { try await worker.run() }
            defer { running.cancel() }

            let started = try await waitUntil {
                try await ExecutionBranch.query(on: world.db).filter(\.$jobExecutionID == launched.executionID)
                    .filter(\.$status == .running).count() == 3
            }
            try #require(started, "every branch started")
            let cut = Date()
            try await Self.outage(world.database, true)
            let done = try await waitUntil {
                (try? FileManager.default.contentsOfDirectory(atPath: markers).count) == 3
            }
            // The outage lasts past the commands' end, several flush intervals, and here past the lease too.
            while Date().timeIntervalSince(cut) < max(1, Double(leaseSeconds) < 10 ? Double(leaseSeconds) + 2 : 1) {
                try await Task.sleep(for: .milliseconds(100))
            }
            try await Self.outage(world.database, false)
            let ended = try await waitUntil(deadline: .seconds(180)) {
                (try? await Execution.find(launched.executionID, on: world.db))??.status.isTerminal == true
            }

            #expect(done, "the commands ended during the outage")
            #expect(ended)
            let detail = try await world.engine.query.detail(launched.executionID)
            #expect(detail.summary.status == .completed)
            #expect(detail.branches.map(\.status) == [.completed, .completed, .completed])
            #expect(detail.branches.allSatisfy { $0.output?.contains("finished on t-") == true }, "\(detail.branches)")
            let logs = try await world.logs(launched.executionID)
            #expect(logs.filter { $0.message.hasPrefix("finished on t-") }.count == 3, "every output line is kept")
            #expect(!logs.contains { $0.message.contains("worker lost") })
            let task = try require(try await TaskRecord.find(launched.taskID, on: world.db))
            #expect(task.status == .success)
            #expect(task.retries == 0, "the live worker kept its own task")
        }
    }
}
