import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Fluent
import Foundation
import NIOFoundationEssentialsCompat
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// Issue 18: `GET /api/v1/system/health`, and `/readyz` refusing when no task could be claimed.
@Suite struct SystemHealthAPITests {
    @Test(arguments: SchemaDialect.allCases)
    func healthTellsTheDatabaseQueueWorkersDiskAndProcess(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, _ in
            let token = try AuthTests.tokens(try await AuthTests.login(app)).access

            let anonymous = try await AuthTests.send(app, .GET, "api/v1/system/health")
            let response = try await AuthTests.send(app, .GET, "api/v1/system/health", token: token)

            #expect(anonymous.status == .unauthorized)
            #expect(response.status == .ok)
            let health = try JSONDecoder.enableDRM.decode(SystemHealth.self, from: Data(buffer: response.body))
            #expect(health.database.reachable)
            #expect(health.database.schemaRevision == SchemaStatus.head)
            #expect((health.database.sizeBytes ?? 0) > 0)
            #expect(health.database.latencyMilliseconds != nil)
            #expect(health.queue?.depth == 0)
            #expect(health.workers.isEmpty)
            #expect(health.status == "degraded")
            #expect(health.problems.contains("no live worker"), "\(health.problems)")
            #expect(health.leader?.singleNode == (dialect == .sqlite))
            #expect((health.disk.freeBytes ?? 0) > 0)
            #expect(health.disk.path == app.appConfig.dataDirectory)
            #expect((health.process.residentBytes ?? 0) > 0)
            #expect(health.process.version == EnableDRM.version)
            #expect(response.body.string.contains(#""oldest_pending_seconds""#) || health.queue?.depth == 0)
        }
    }

    @Test func readinessFailsWhenTheDatabaseCannotClaimATask() async throws {
        let data = FileManager.default.temporaryDirectory.path + "/enabledrm-ready-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        try await AuthTests.withApp(.postgres, flags: [.dataDirectory: data]) { app, database in
            #expect(try await AuthTests.send(app, .GET, "readyz").status == .ok)
            guard case .postgres(let location) = database.url else { return }
            let cluster = try await PostgresCluster.shared()
            try await cluster.administer([
                "ALTER DATABASE \"\(location.database)\" SET default_transaction_read_only = on",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(location.database)'",
            ])

            var last = ""
            let refused = try await waitUntil(every: .milliseconds(200)) {
                let response = try await AuthTests.send(app, .GET, "readyz")
                last = response.body.string
                return response.status == .serviceUnavailable && last.contains("no task can be claimed")
            }

            #expect(refused, "\(last)")
            #expect(last.contains("read-only"))
        }
    }
}
