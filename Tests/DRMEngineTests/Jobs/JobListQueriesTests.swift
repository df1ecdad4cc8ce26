import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import Testing

@testable import DRMEngine

/// What goes beside a list of jobs, read in a few queries however many jobs there are.
@Suite struct JobListQueriesTests {
    @Test(
        "each job's latest execution, none for a job never run; target names by id", arguments: SchemaDialect.allCases)
    func latestExecutions(dialect: SchemaDialect) async throws {
        let ssh = try await JobRunTests.servers(2)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let launcher = world.engine.launcher(world.audit)
            func launch(_ job: JobDefinition) async throws -> Int {
                try await launcher.launch(
                    .init(jobID: job.id, parameters: [:], targetIDs: nil, triggeredBy: world.userID)
                ).executionID
            }
            let twice = try await world.job("twice", [(.command, ["command": "true"], nil)])
            let once = try await world.job("once", [(.command, ["command": "true"], nil)])
            let never = try await world.job("never", [(.command, ["command": "true"], nil)])
            _ = try await launch(twice)
            let onceID = try await launch(once)
            let twiceLatest = try await launch(twice)

            let queries = JobListQueries(database: world.db)
            let latest = try await queries.latestExecutions(of: [twice.id, once.id, never.id])
            let names = try await queries.targetNames(world.targets + [999_999])

            #expect(latest.mapValues { $0.id } == [twice.id: twiceLatest, once.id: onceID])
            #expect(try await queries.latestExecutions(of: []).isEmpty)
            #expect(names.count == world.targets.count, "a target that doesn't exist has no name")
            #expect(Set(names.keys) == Set(world.targets))
        }
    }
}
