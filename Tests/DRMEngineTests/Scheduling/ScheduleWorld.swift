import DRMCore
import DRMRemote
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation

@testable import DRMEngine

/// A clock a test moves by hand.
final class PinnedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func set(_ date: Date) {
        lock.lock()
        current = date
        lock.unlock()
    }

    func advance(_ seconds: TimeInterval) { set(now.addingTimeInterval(seconds)) }

    var function: @Sendable () -> Date { { [self] in self.now } }
}

/// A database with an administrator, one target and one job, the schedule catalog and the scheduler's pass on
/// it, all on a pinned clock. Nothing runs the queued executions: a test ends them by hand.
struct ScheduleWorld {
    let database: TestDatabase
    let clock: PinnedClock
    let userID: Int
    let jobID: Int
    let engine: JobEngine

    var db: any Database { database.handle.database }
    var catalog: ScheduleCatalog { ScheduleCatalog(database: db, audit: AuditTrail(.cli), now: clock.function) }
    var firing: ScheduleFiring { ScheduleFiring(engine: engine, now: clock.function) }

    static func with(
        _ dialect: SchemaDialect, at start: Date, _ body: (ScheduleWorld) async throws -> Void
    ) async throws {
        try await TestDatabase.with(dialect) { database in
            let db = database.handle.database
            let user = User()
            user.username = "admin"
            user.email = "admin@example.com"
            user.passwordHash = "x"
            user.role = .administrator
            user.isActive = true
            try await user.create(on: db)
            let vault = CredentialVault(current: CredentialKey(secretKey: Data(repeating: 7, count: 32)))
            let target = try await TargetInventory(database: db, vault: vault, audit: AuditTrail(.cli)).create(
                TargetDraft(
                    name: "t-01", environment: .testing,
                    methods: [
                        MethodDraft(
                            methodType: "ssh", config: ["host": "127.0.0.1", "port": 2],
                            credential: CredentialInput(type: .password, username: "u", password: "p"))
                    ]))
            let engine = JobEngine(
                database: db, vault: vault, http: HTTPRequestClient(),
                dataDirectory: FileManager.default.temporaryDirectory.appending(path: "enabledrm-sched-\(UUID())"))
            let job = try await engine.catalog(AuditTrail(.cli)).create(
                JobDraft(
                    name: "nightly",
                    actions: [JobDraft.Action(type: .command, name: "echo", parameters: ["command": "echo hi"])],
                    targetIDs: [try target.target.requireID()]), createdBy: try user.requireID())
            let world = ScheduleWorld(
                database: database, clock: PinnedClock(start), userID: try user.requireID(), jobID: job.id,
                engine: engine)
            do {
                try await body(world)
            } catch {
                try? await engine.http.shutdown()
                throw error
            }
            try await engine.http.shutdown()
        }
    }

    func create(_ draft: ScheduleDraft) async throws -> ScheduleRecord {
        try await catalog.create(draft, createdBy: userID)
    }

    func draft(
        _ kind: ScheduleDraft.Kind = .cron, cron: String? = "*/5 * * * *", interval: Int? = nil,
        overlap: OverlapPolicy = .skip, missed: MissedRunPolicy = .runOnce, window: Int = 3600, cap: Int = 10,
        maxRuns: Int? = nil, end: Date? = nil, zone: String = "UTC"
    ) -> ScheduleDraft {
        ScheduleDraft(
            jobID: jobID, name: "every five", kind: kind, cronExpression: kind == .cron ? cron : nil,
            intervalSeconds: interval, timezone: zone, end: end, maxRuns: maxRuns, overlap: overlap,
            missedRuns: missed, catchupWindowSeconds: window, missedRunCap: cap)
    }

    /// Every occurrence of a schedule, oldest first, as (UTC time, status).
    func occurrences(_ schedule: Int) async throws -> [(String, ScheduleExecutionStatus)] {
        try await ScheduleExecution.query(on: db).filter(\.$jobScheduleID == schedule).sort(\.$scheduledAt).all()
            .map { (FireTime(instant: $0.scheduledAt, utcOffsetSeconds: 0, adjustment: nil).utcISO8601, $0.status) }
    }

    /// Ends every unfinished execution as `status`, as a worker would.
    func finishExecutions(_ status: ExecutionStatus = .completed) async throws {
        try await Execution.query(on: db).filter(\.$status ~~ [.queued, .running, .scheduled]).set(
            \.$status, to: status
        )
        .set(\.$completedAt, to: clock.now).update()
    }

    func executionCount() async throws -> Int {
        try await Execution.query(on: db).count()
    }
}

func iso(_ text: String) -> Date {
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return ISO8601DateFormatter().date(from: text) ?? fractional.date(from: text)!
}
