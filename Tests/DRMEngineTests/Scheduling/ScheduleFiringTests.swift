import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// The scheduler's pass on a pinned clock, on SQLite and PostgreSQL: every occurrence a row, each policy, limits,
/// pause/resume, jobs' one-shot start times, and two nodes firing at once.
@Suite struct ScheduleFiringTests {
    static let start = iso("2026-06-01T10:00:00Z")

    @Test(arguments: SchemaDialect.allCases)
    func firesEachDueTimeOnceAndMirrorsItsExecution(dialect: SchemaDialect) async throws {
        try await ScheduleWorld.with(dialect, at: Self.start) { world in
            let schedule = try await world.create(world.draft())
            #expect(schedule.nextRunAt == iso("2026-06-01T10:05:00Z"))

            world.clock.set(iso("2026-06-01T10:04:59Z"))
            #expect(try await world.firing.tick().fired == 0)
            world.clock.set(iso("2026-06-01T10:05:00.300Z"))
            let first = try await world.firing.tick()
            let again = try await world.firing.tick()

            #expect(first.fired == 1)
            #expect(first.nextDue == iso("2026-06-01T10:10:00Z"))
            #expect(again.fired == 0)
            let rows = try await ScheduleExecution.query(on: world.db).all()
            #expect(rows.count == 1)
            let execution = try #require(try await Execution.find(rows[0].jobExecutionID, on: world.db))
            #expect(execution.trigger == "schedule")
            #expect(rows[0].status == .running)

            try await world.finishExecutions(.failed)
            world.clock.advance(30)
            _ = try await world.firing.tick()
            #expect(try await world.occurrences(schedule.id).map(\.1) == [.failed])
        }
    }

    @Test(arguments: SchemaDialect.allCases)
    func overlapPolicies(dialect: SchemaDialect) async throws {
        try await ScheduleWorld.with(dialect, at: Self.start) { world in
            var ids: [OverlapPolicy: Int] = [:]
            for policy in OverlapPolicy.allCases {
                ids[policy] = try await world.create(world.draft(overlap: policy)).id
            }
            for minute in ["05", "10", "15"] {
                world.clock.set(iso("2026-06-01T10:\(minute):01Z"))
                _ = try await world.firing.tick()
            }
            let (skip, one, all, cancel, allow) = (
                try await world.occurrences(ids[.skip]!), try await world.occurrences(ids[.bufferOne]!),
                try await world.occurrences(ids[.bufferAll]!), try await world.occurrences(ids[.cancelOther]!),
                try await world.occurrences(ids[.allowAll]!)
            )
            #expect(skip.map(\.1) == [.running, .skipped, .skipped])
            #expect(one.map(\.1) == [.running, .buffered, .skipped])
            #expect(all.map(\.1) == [.running, .buffered, .buffered])
            #expect(cancel.map(\.1) == [.cancelled, .cancelled, .running])
            #expect(allow.map(\.1) == [.running, .running, .running])

            // The running ones end: the oldest buffered run of each buffering schedule starts, one at a time.
            try await world.finishExecutions()
            world.clock.set(iso("2026-06-01T10:16:00Z"))
            _ = try await world.firing.tick()
            #expect(try await world.occurrences(ids[.bufferOne]!).map(\.1) == [.completed, .running, .skipped])
            #expect(try await world.occurrences(ids[.bufferAll]!).map(\.1) == [.completed, .running, .buffered])
            try await world.finishExecutions()
            world.clock.set(iso("2026-06-01T10:17:00Z"))
            _ = try await world.firing.tick()
            #expect(try await world.occurrences(ids[.bufferAll]!).map(\.1) == [.completed, .completed, .running])
        }
    }

    @Test(arguments: SchemaDialect.allCases)
    func missedRunPoliciesAfterDowntime(dialect: SchemaDialect) async throws {
        try await ScheduleWorld.with(dialect, at: Self.start) { world in
            let once = try await world.create(world.draft(missed: .runOnce))
            let skip = try await world.create(world.draft(missed: .skip))
            let all = try await world.create(world.draft(overlap: .allowAll, missed: .runAll, cap: 3))
            let window = try await world.create(world.draft(overlap: .allowAll, missed: .runAll, window: 600))

            // Down from 10:00 to 10:32: 10:05 … 10:30 were due.
            world.clock.set(iso("2026-06-01T10:32:00Z"))
            _ = try await world.firing.tick()

            let times = ["05", "10", "15", "20", "25", "30"].map { "2026-06-01T10:\($0):00Z" }
            #expect(try await world.occurrences(once.id).map(\.0) == times)
            #expect(
                try await world.occurrences(once.id).map(\.1) == [
                    .missed, .missed, .missed, .missed, .missed, .running,
                ])
            #expect(try await world.occurrences(skip.id).map(\.1) == Array(repeating: .missed, count: 6))
            #expect(
                try await world.occurrences(all.id).map(\.1) == [
                    .missed, .missed, .missed, .running, .running, .running,
                ])
            #expect(
                try await world.occurrences(window.id).map(\.1) == [
                    .missed, .missed, .missed, .missed, .running, .running,
                ])
            #expect(try await world.catalog.find(skip.id).nextRunAt == iso("2026-06-01T10:35:00Z"))

            // On time again, `skip` fires.
            world.clock.set(iso("2026-06-01T10:35:10Z"))
            _ = try await world.firing.tick()
            #expect(try await world.occurrences(skip.id).last?.1 == .running)
        }
    }

    @Test(arguments: SchemaDialect.allCases)
    func maximumRunsAndEndDateExpireTheSchedule(dialect: SchemaDialect) async throws {
        try await ScheduleWorld.with(dialect, at: Self.start) { world in
            let counted = try await world.create(world.draft(overlap: .allowAll, maxRuns: 2))
            let ending = try await world.create(world.draft(overlap: .allowAll, end: iso("2026-06-01T10:12:00Z")))
            for minute in ["05", "10", "15", "20"] {
                world.clock.set(iso("2026-06-01T10:\(minute):00Z"))
                _ = try await world.firing.tick()
            }
            #expect(try await world.occurrences(counted.id).count == 2)
            #expect(try await world.occurrences(ending.id).count == 2)
            let done = try await world.catalog.find(counted.id)
            #expect(done.status == .expired)
            #expect(done.nextRunAt == nil)
            #expect(done.currentRuns == 2)
            #expect(try await world.catalog.find(ending.id).status == .expired)
        }
    }

    @Test(arguments: SchemaDialect.allCases)
    func pauseAndResumeHandOverToTheMissedRunPolicy(dialect: SchemaDialect) async throws {
        try await ScheduleWorld.with(dialect, at: Self.start) { world in
            let schedule = try await world.create(world.draft())
            let paused = try await world.catalog.pause(schedule.id, reason: "maintenance")
            #expect(paused.status == .paused)
            #expect(paused.pausedReason == "maintenance")
            await #expect(throws: ScheduleError.self) { try await world.catalog.pause(schedule.id, reason: nil) }

            world.clock.set(iso("2026-06-01T10:21:00Z"))
            _ = try await world.firing.tick()
            #expect(try await world.occurrences(schedule.id).isEmpty)

            _ = try await world.catalog.resume(schedule.id)
            _ = try await world.firing.tick()
            #expect(try await world.occurrences(schedule.id).map(\.1) == [.missed, .missed, .missed, .running])
            let actions = try await AuditEvent.query(on: world.db).filter(\.$resourceType == "schedule").all()
                .map(\.action)
            #expect(actions == ["schedule.create", "schedule.pause", "schedule.resume"])
        }
    }

    @Test(arguments: SchemaDialect.allCases)
    func aJobsOneShotStartTimeFiresThroughTheSamePath(dialect: SchemaDialect) async throws {
        try await ScheduleWorld.with(dialect, at: Self.start) { world in
            let job = try #require(try await Job.find(world.jobID, on: world.db))
            job.scheduledAt = iso("2026-06-01T10:07:00Z")
            try await job.save(on: world.db)

            _ = try await world.firing.tick()
            #expect(try await world.executionCount() == 0)
            world.clock.set(iso("2026-06-01T10:07:00.5Z"))
            _ = try await world.firing.tick()
            _ = try await world.firing.tick()

            let schedules = try await world.catalog.list(jobID: world.jobID)
            #expect(schedules.count == 1)
            #expect(schedules[0].origin == "job_scheduled_at")
            #expect(schedules[0].status == .expired)
            #expect(try await world.occurrences(schedules[0].id).map(\.0) == ["2026-06-01T10:07:00Z"])
            #expect(try await world.executionCount() == 1)
        }
    }

    @Test(arguments: SchemaDialect.allCases)
    func triggerNowRunsOutsideThePolicyAndIsAudited(dialect: SchemaDialect) async throws {
        try await ScheduleWorld.with(dialect, at: Self.start) { world in
            let schedule = try await world.create(world.draft())
            world.clock.set(iso("2026-06-01T10:05:00Z"))
            _ = try await world.firing.tick()
            world.clock.set(iso("2026-06-01T10:06:00Z"))
            let triggered = try await world.firing.trigger(schedule.id, audit: AuditTrail(.cli))

            #expect(triggered.status == .running)
            #expect(triggered.executionID != nil)
            #expect(try await world.executionCount() == 2)
            let execution = try #require(try await Execution.find(triggered.executionID, on: world.db))
            #expect(execution.trigger == "manual")
            let page = try await world.catalog.occurrences(of: schedule.id, status: .running, perPage: 1)
            #expect(page.total == 2)
            #expect(page.items.map(\.scheduledAt) == [iso("2026-06-01T10:06:00Z")])
        }
    }

    /// Two nodes pass at the same instant: the unique (schedule, time) key lets only one start each occurrence.
    @Test(arguments: SchemaDialect.allCases)
    func twoNodesFiringAtOnceStartEachOccurrenceOnce(dialect: SchemaDialect) async throws {
        try await ScheduleWorld.with(dialect, at: Self.start) { world in
            for _ in 0..<20 { _ = try await world.create(world.draft(overlap: .allowAll)) }
            world.clock.set(iso("2026-06-01T10:05:00Z"))
            let a = world.firing
            let b = world.firing
            async let first = a.tick()
            async let second = b.tick()
            let (one, two) = try await (first, second)

            #expect(one.fired + two.fired == 20)
            #expect(try await world.executionCount() == 20)
            #expect(try await ScheduleExecution.query(on: world.db).count() == 20)
        }
    }
}
