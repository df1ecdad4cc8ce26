import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

/// Issue 18: the health snapshots (the original's beat task) are written by one node only, each with the whole
/// health report; and the metrics sampler sets the gauges a scrape shows.
@Suite struct HealthSnapshotServiceTests {
    @Test(arguments: SchemaDialect.allCases)
    func oneNodeWritesTheSnapshots(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let db = database.handle.database
            let check = SystemHealthCheck(
                database: db, dataDirectory: FileManager.default.temporaryDirectory.path, startedAt: Date())
            let first = HealthSnapshotService(check: check, holder: "health@node-a")
            let second = HealthSnapshotService(check: check, holder: "health@node-b")

            let firstWrote = try await first.step()
            let secondWrote = try await second.step()
            let firstAgain = try await first.step()

            #expect(firstWrote && firstAgain)
            // On SQLite the one process leads without a lease; on PostgreSQL node b waits for a's lease to expire.
            #expect(secondWrote == (dialect == .sqlite))
            let rows = try await HealthSnapshot.query(on: db).all()
            #expect(rows.count == (dialect == .sqlite ? 3 : 2))
            let health = try #require(rows.first?.systemData).decoded(as: SystemHealth.self)
            #expect(health.database.reachable)
            #expect(health.database.schemaRevision == SchemaStatus.head)
            #expect(rows.first?.queuedJobs == 0)
            #expect(rows.first?.totalTargets == 0)
        }
    }

    @Test func theSamplerSetsTheGaugesAScrapeShows() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let metrics = EngineMetrics()
            let before = String(decoding: metrics.exposition(), as: UTF8.self)
            _ = try await TaskQueue(database: database.handle.database).enqueue("execution.run", args: [:])

            await MetricsSampler(database: database.handle.database, metrics: metrics).sample()

            let after = String(decoding: metrics.exposition(), as: UTF8.self)
            #expect(before.contains("enabledrm_queue_depth 0.0"))
            #expect(after.contains("enabledrm_queue_depth 1.0"), "\(after)")
            #expect(!after.contains("enabledrm_metrics_sampled_timestamp_seconds 0.0"))
        }
    }
}
