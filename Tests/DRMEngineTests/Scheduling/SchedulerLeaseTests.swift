import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import Testing

@testable import DRMEngine

/// The leader lease row: one holder at a time, renewed by it, taken by another only after it expired, given up on
/// a graceful stop.
@Suite struct SchedulerLeaseTests {
    @Test(arguments: SchemaDialect.allCases)
    func oneHolderAtATimeUntilItExpires(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let lease = SchedulerLeaseRow(database: database.handle.database)
            let t0 = iso("2026-06-01T10:00:00Z")

            #expect(try await lease.acquire(holder: "a", now: t0, duration: 10))
            #expect(try await !lease.acquire(holder: "b", now: t0.addingTimeInterval(5), duration: 10))
            #expect(try await lease.acquire(holder: "a", now: t0.addingTimeInterval(8), duration: 10))
            // Renewed at 8 s: still a's at 17 s.
            #expect(try await !lease.acquire(holder: "b", now: t0.addingTimeInterval(17), duration: 10))
            // a died after its renewal at 8 s; at 18.5 s its lease has expired and b takes it.
            #expect(try await lease.acquire(holder: "b", now: t0.addingTimeInterval(18.5), duration: 10))
            #expect(try await !lease.acquire(holder: "a", now: t0.addingTimeInterval(19), duration: 10))
            let current = try #require(try await lease.current())
            #expect(current.holder == "b")
            #expect(current.acquiredAt == t0.addingTimeInterval(18.5))

            try await lease.release(holder: "a")
            #expect(try await lease.current()?.holder == "b")
            try await lease.release(holder: "b")
            #expect(try await lease.current() == nil)
            #expect(try await lease.acquire(holder: "c", now: t0.addingTimeInterval(20), duration: 10))
        }
    }

    /// The service on the real clock, on SQLite: it leads at once, fires a schedule every second as it comes due
    /// (waking for the due instant, not a poll), and stops.
    @Test func theServiceFiresDueSchedulesOnSQLiteWithoutALeaseRow() async throws {
        try await ScheduleWorld.with(.sqlite, at: Date()) { world in
            let schedule = try await ScheduleCatalog(database: world.db, audit: .init(.cli)).create(
                world.draft(.interval, cron: nil, interval: 1, overlap: .allowAll), createdBy: world.userID)
            var service = SchedulerService(
                firing: ScheduleFiring(engine: world.engine, now: { Date() }),
                lease: SchedulerLeaseRow(database: world.db), holder: "test-node")
            service.renewInterval = 5
            let running = Task { try await service.run() }
            let fired = try await waitUntil {
                try await world.occurrences(schedule.id).filter { $0.1 == .running }.count >= 3
            }
            #expect(fired)
            // On SQLite the one process leads without writing a lease row (PostgreSQL's lease is tested above).
            #expect(try await SchedulerLeaseRow(database: world.db).current() == nil)
            running.cancel()
            _ = try? await running.value
            let rows = try await world.occurrences(schedule.id)
            #expect(Set(rows.map(\.0)).count == rows.count)
        }
    }
}
