import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Firing many schedules in one batch (`ScheduleFiring+Batch.swift`): each fired occurrence is linked to its own
/// execution with its queue task, a job that can't run fails only its own occurrences, and a batch smaller than
/// the due set leaves the rest for the next pass without firing anything twice.
@Suite struct ScheduleBatchFiringTests {
    @Test(arguments: SchemaDialect.allCases)
    func aBatchLinksEachOccurrenceAndFailsOnlyTheRefusedOnes(dialect: SchemaDialect) async throws {
        try await ScheduleWorld.with(dialect, at: ScheduleFiringTests.start) { world in
            var fine: [Int] = []
            for _ in 0..<5 { fine.append(try await world.create(world.draft(overlap: .allowAll)).id) }
            let other = try await world.engine.catalog(AuditTrail(.cli)).create(
                JobDraft(
                    name: "doomed",
                    actions: [JobDraft.Action(type: .command, name: "echo", parameters: ["command": "echo hi"])],
                    targetIDs: try await Target.query(on: world.db).all(\.$id).compactMap { $0 }),
                createdBy: world.userID)
            var draft = world.draft(overlap: .allowAll)
            draft.jobID = other.id
            let doomed = try await world.create(draft).id
            try await world.engine.catalog(AuditTrail(.cli)).delete(other.id, by: world.userID)
            var firing = world.firing
            firing.batchSize = 4

            world.clock.set(iso("2026-06-01T10:05:01Z"))
            let first = try await firing.tick()
            let second = try await firing.tick(firingOnly: true)
            let third = try await firing.tick(firingOnly: true)

            #expect(first.moreDue)
            #expect(first.fired + first.failed + second.fired + second.failed == 6)
            #expect(first.fired + second.fired == 5)
            #expect(third.fired + third.failed == 0)
            let rows = try await ScheduleExecution.query(on: world.db).all()
            #expect(rows.count == 6)
            for id in fine {
                let row = try #require(rows.first { $0.jobScheduleID == id })
                #expect(row.status == .running)
                #expect(row.startedAt != nil)
                #expect(row.resultSummary?.hasPrefix("started execution") == true)
                let execution = try #require(try await Execution.find(row.jobExecutionID, on: world.db))
                #expect(execution.trigger == "schedule")
                #expect(execution.status == .queued)
            }
            let failed = try #require(rows.first { $0.jobScheduleID == doomed })
            #expect(failed.status == .failed)
            #expect(failed.jobExecutionID == nil)
            #expect(failed.errorMessage?.contains("not found") == true, "\(failed.errorMessage ?? "")")
            let linked = Set(rows.compactMap(\.jobExecutionID))
            #expect(linked.count == 5, "each occurrence its own execution")
            #expect(try await Execution.query(on: world.db).count() == 5)
            let tasks = try await TaskRecord.query(on: world.db).all()
            #expect(tasks.count == 5)
            let taskExecutions = Set(
                tasks.compactMap { task -> Int? in
                    guard case .object(let args)? = task.args, case .number(let id)? = args["execution_id"] else {
                        return nil
                    }
                    return Int(id)
                })
            #expect(taskExecutions == linked)
            let audited = try await AuditEvent.query(on: world.db).filter(\.$action == "job.execute").count()
            #expect(audited == 5)
            let next = try await JobSchedule.query(on: world.db).filter(\.$id ~~ fine).all()
            #expect(next.allSatisfy { $0.nextRunAt == iso("2026-06-01T10:10:00Z") && $0.currentRuns == 1 })
        }
    }
}
