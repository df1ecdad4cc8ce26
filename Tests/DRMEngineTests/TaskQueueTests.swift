import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// The task queue on SQLite and PostgreSQL: claims, leases, retries with backoff, lost workers, and a worker service.
@Suite struct TaskQueueTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static func queue(_ database: TestDatabase, clock: TestClock? = nil, lease: Duration = .seconds(30)) -> TaskQueue {
        var queue = TaskQueue(database: database.handle.database)
        queue.lease = lease
        if let clock { queue.now = { clock.now } }
        return queue
    }

    static func record(_ id: Int, _ database: TestDatabase) async throws -> TaskRecord {
        try #require(try await TaskRecord.find(id, on: database.handle.database))
    }

    @Test("enqueue, claim oldest first, finish with success", arguments: SchemaDialect.allCases)
    func enqueueClaimFinish(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = TestClock(Self.start)
            let queue = Self.queue(database, clock: clock)
            let first = try await queue.enqueue("echo", args: ["n": 1])
            let second = try await queue.enqueue("echo", args: ["n": 2], maxRetries: 5)
            try await queue.enqueue("echo", args: ["n": 3])
            try await queue.enqueue("other", args: .null, queue: "reports")

            let claimed = try await queue.claim(worker: "w1", limit: 2)
            #expect(claimed.map(\.id) == [try first.requireID(), try second.requireID()])
            #expect(claimed.map(\.args) == [["n": 1], ["n": 2]])
            #expect(claimed.map(\.name) == ["echo", "echo"])
            #expect(claimed.map(\.maxRetries) == [3, 5] && claimed.map(\.retries) == [0, 0])
            #expect(claimed[0].taskID == first.taskID)
            #expect(first.taskSerial == "TASK-" + first.taskUUID.uuidString.lowercased(), "unique like its UUID")
            #expect(try await queue.claim(worker: "w2", limit: 5).map(\.args) == [["n": 3]])
            #expect(try await queue.claim(worker: "w2", limit: 5).isEmpty, "the default queue is empty")
            #expect(try await queue.claim(worker: "w2", limit: 5, queue: "reports").map(\.name) == ["other"])

            let started = try await Self.record(claimed[0].id, database)
            #expect(started.status == .started && started.worker == "w1")
            #expect(started.startedAt == Self.start)
            #expect(started.leaseExpiresAt == Self.start.addingTimeInterval(30))

            clock.advance(2.5)
            try await queue.finish(claimed[0], worker: "w1", outcome: .success("done"))
            let done = try await Self.record(claimed[0].id, database)
            #expect(done.status == .success)
            #expect(done.result == "done")
            #expect(done.completedAt == Self.start.addingTimeInterval(2.5))
            #expect(done.runtimeSeconds == Decimal(string: "2.5"))
            #expect(done.leaseExpiresAt == nil)

            try await queue.finish(claimed[1], worker: "intruder", outcome: .success("no"))
            #expect(try await Self.record(claimed[1].id, database).status == .started, "only the holder finishes it")
        }
    }

    @Test("a failure is retried after a doubling backoff, then fails", arguments: SchemaDialect.allCases)
    func retryWithBackoff(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = TestClock(Self.start)
            var queue = Self.queue(database, clock: clock)
            queue.retryBackoff = .seconds(2)
            let task = try await queue.enqueue("flaky", args: .null, maxRetries: 2)
            let id = try task.requireID()

            var claimed = try #require(try await queue.claim(worker: "w", limit: 1).first)
            try await queue.finish(claimed, worker: "w", outcome: .failure(TaskError("boom", retry: true)))
            var record = try await Self.record(id, database)
            #expect(record.status == .retry)
            #expect(record.retries == 1)
            #expect(record.result == "boom")
            #expect(record.eta == Self.start.addingTimeInterval(2))

            clock.advance(1.999)
            #expect(try await queue.claim(worker: "w", limit: 1).isEmpty, "not before its eta")
            clock.advance(0.001)
            claimed = try #require(try await queue.claim(worker: "w", limit: 1).first)
            #expect(claimed.retries == 1)
            try await queue.finish(claimed, worker: "w", outcome: .failure(TaskError("boom again", retry: true)))
            record = try await Self.record(id, database)
            #expect(record.status == .retry && record.retries == 2)
            #expect(record.eta == Self.start.addingTimeInterval(2 + 4), "the second backoff doubles")

            clock.advance(4)
            claimed = try #require(try await queue.claim(worker: "w", limit: 1).first)
            try await queue.finish(claimed, worker: "w", outcome: .failure(TaskError("third", retry: true)))
            record = try await Self.record(id, database)
            #expect(record.status == .failure, "max_retries 2 is used up")
            #expect(record.retries == 2)
            #expect(record.result == "third")
            #expect(try await queue.claim(worker: "w", limit: 1).isEmpty)

            let fatal = try await queue.enqueue("fatal", args: .null)
            let fatalClaim = try #require(try await queue.claim(worker: "w", limit: 1).first)
            try await queue.finish(fatalClaim, worker: "w", outcome: .failure(TaskError("no retry")))
            let failed = try await Self.record(try fatal.requireID(), database)
            #expect(failed.status == .failure && failed.retries == 0)
        }
    }

    @Test("claim(id:) takes only a waiting task that is due", arguments: SchemaDialect.allCases)
    func claimByID(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = TestClock(Self.start)
            let queue = Self.queue(database, clock: clock)
            let later = try await queue.enqueue("echo", args: "later", eta: Self.start.addingTimeInterval(3600))
            let id = try later.requireID()

            #expect(try await queue.claim(id: id, worker: "api") == nil, "not due yet (a deferred task)")
            clock.advance(3601)
            let claimed = try #require(try await queue.claim(id: id, worker: "api"))
            #expect(claimed.id == id && claimed.args == "later")
            #expect(try await queue.claim(id: id, worker: "other") == nil, "already started")
            try await queue.finish(claimed, worker: "api", outcome: .success(nil))
            #expect(try await queue.claim(id: id, worker: "api") == nil, "already ended")
            #expect(try await queue.claim(id: 987_654, worker: "api") == nil, "no such task")
            #expect(try await Self.record(id, database).worker == "api")
        }
    }

    @Test("renew extends the leases still held and returns the others", arguments: SchemaDialect.allCases)
    func renew(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = TestClock(Self.start)
            let queue = Self.queue(database, clock: clock)
            for n in 1...3 { try await queue.enqueue("echo", args: .number(Double(n))) }
            let claimed = try await queue.claim(worker: "w1", limit: 3)
            try #require(claimed.count == 3)
            try await queue.finish(claimed[1], worker: "w1", outcome: .success(nil))

            clock.advance(10)
            let lost = try await queue.renew(claimed.map(\.id) + [424_242], worker: "w1")
            #expect(lost == [claimed[1].id, 424_242])
            #expect(try await Self.record(claimed[0].id, database).leaseExpiresAt == Self.start.addingTimeInterval(40))
            #expect(try await queue.renew([claimed[0].id], worker: "w2") == [claimed[0].id], "held by w1, not w2")
            #expect(try await queue.renew([], worker: "w1") == [])
        }
    }

    @Test("an expired lease is taken back: retried or failed as recover decides", arguments: SchemaDialect.allCases)
    func recoverExpiredLeases(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = TestClock(Self.start)
            let queue = Self.queue(database, clock: clock)
            try await queue.enqueue("again", args: .null)
            try await queue.enqueue("fail", args: .null)
            let claimed = try await queue.claim(worker: "node-7", limit: 2)
            let asked = Locked<[String]>([])
            let recover: @Sendable (TaskQueue.Claimed, any Database) async throws -> Bool = { task, _ in
                asked.withLock { $0.append(task.name) }
                return task.name == "again"
            }

            clock.advance(30)
            #expect(try await queue.recoverExpiredLeases(using: recover).isEmpty, "the lease runs until 30 s")
            clock.advance(1)
            let recovered = try await queue.recoverExpiredLeases(using: recover)
            #expect(recovered.map(\.id) == claimed.map(\.id))
            #expect(asked.withLock { $0 } == ["again", "fail"])

            let again = try await Self.record(claimed[0].id, database)
            #expect(again.status == .retry && again.retries == 1)
            #expect(again.result == "worker node-7 was lost (its lease expired)")
            #expect(again.completedAt == nil && again.leaseExpiresAt == nil)
            #expect(again.eta == Self.start.addingTimeInterval(31))
            let fail = try await Self.record(claimed[1].id, database)
            #expect(fail.status == .failure && fail.retries == 0)
            #expect(fail.result == "worker node-7 was lost (its lease expired)")
            #expect(fail.completedAt == Self.start.addingTimeInterval(31))

            let rerun = try await queue.claim(worker: "node-8", limit: 5)
            #expect(rerun.map(\.id) == [claimed[0].id] && rerun[0].retries == 1)
            #expect(try await queue.recoverExpiredLeases(using: recover).isEmpty)
            try await queue.finish(claimed[0], worker: "node-7", outcome: .success("late"))
            #expect(
                try await Self.record(claimed[0].id, database).status == .started, "the lost worker can't finish it")
        }
    }

    @Test("release puts a task back without counting a retry", arguments: SchemaDialect.allCases)
    func release(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = TestClock(Self.start)
            let queue = Self.queue(database, clock: clock)
            let id = try await queue.enqueue("echo", args: .null).requireID()
            let claimed = try #require(try await queue.claim(worker: "w", limit: 1).first)

            try await queue.release(claimed, worker: "other", after: .seconds(5))
            #expect(try await Self.record(id, database).status == .started, "only the holder releases it")
            try await queue.release(claimed, worker: "w", after: .seconds(5))
            let record = try await Self.record(id, database)
            #expect(record.status == .pending && record.retries == 0 && record.worker == nil)
            #expect(record.eta == Self.start.addingTimeInterval(5) && record.leaseExpiresAt == nil)

            clock.advance(4.5)
            #expect(try await queue.claim(worker: "w", limit: 1).isEmpty)
            clock.advance(0.5)
            let again = try #require(try await queue.claim(worker: "w", limit: 1).first)
            #expect(again.id == id && again.retries == 0)
        }
    }

    @Test("hold renews the lease while the body runs", arguments: SchemaDialect.allCases)
    func holdRenews(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let queue = Self.queue(database, lease: .seconds(3))
            let id = try await queue.enqueue("slow", args: .null).requireID()
            let claimed = try #require(try await queue.claim(worker: "w", limit: 1).first)
            let initial = try #require(try await Self.record(id, database).leaseExpiresAt)

            // The body watches the lease move forward twice (renewed every second), whatever the machine's load.
            await queue.hold(claimed, worker: "w") {
                let deadline = ContinuousClock.now + generousDeadline
                var last = initial
                var renewals = 0
                while renewals < 2, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(200))
                    let current = try await Self.record(id, database).leaseExpiresAt ?? last
                    if current > last {
                        renewals += 1
                        last = current
                    }
                }
                return renewals >= 2 ? "held" : "not renewed"
            }

            let record = try await Self.record(id, database)
            #expect(record.status == .success && record.result == "held" && record.retries == 0)
            #expect(record.leaseExpiresAt == nil, "a finished task holds no lease")
        }
    }

    @Test("hold cancels the body when the lease is lost and records nothing", arguments: SchemaDialect.allCases)
    func holdLosesTheLease(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let queue = Self.queue(database, lease: .milliseconds(900))
            let id = try await queue.enqueue("slow", args: .null).requireID()
            let claimed = try #require(try await queue.claim(worker: "w", limit: 1).first)
            let started = Locked(false)
            let cancelled = Locked(false)

            async let held: Void = queue.hold(claimed, worker: "w") {
                started.withLock { $0 = true }
                do {
                    try await Task.sleep(for: .seconds(3600))
                } catch {
                    cancelled.withLock { $0 = true }
                    throw error
                }
                return "never"
            }
            try #require(try await waitUntil { started.withLock { $0 } }, "the body runs")
            var sweeper = queue
            sweeper.now = { Date().addingTimeInterval(60) }
            #expect(try await sweeper.recoverExpiredLeases { _, _ in true }.map(\.id) == [id])
            await held

            // The body sleeps for an hour: `held` returned because the renewal found the lease lost and cancelled it.
            #expect(cancelled.withLock { $0 }, "stopped at the next renewal")
            let record = try await Self.record(id, database)
            #expect(record.status == .retry && record.retries == 1)
            #expect(record.result == "worker w was lost (its lease expired)")
        }
    }

    @Test("8 claimers on PostgreSQL claim each of 300 tasks exactly once")
    func concurrentClaimers() async throws {
        try await TestDatabase.with(.postgres) { database in
            let queue = Self.queue(database)
            var enqueued: Set<Int> = []
            for n in 0..<300 { enqueued.insert(try await queue.enqueue("echo", args: .number(Double(n))).requireID()) }
            // One connection pool per claimer, like workers on separate nodes.
            let handles = try (0..<8).map { _ in try DatabaseHandle(url: database.url) }
            let claims = Locked<[(worker: Int, id: Int)]>([])
            let deadline = ContinuousClock.now + .seconds(60)

            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, handle) in handles.enumerated() {
                    group.addTask {
                        let own = TaskQueue(database: handle.database)
                        while claims.withLock({ $0.count }) < 300, ContinuousClock.now < deadline {
                            let batch = try await own.claim(worker: "w\(index)", limit: 5)
                            claims.withLock { $0 += batch.map { (index, $0.id) } }
                            for task in batch {
                                try await own.finish(task, worker: "w\(index)", outcome: .success(nil))
                            }
                            if batch.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            for handle in handles { await handle.shutdown() }

            let all = claims.withLock { $0 }
            #expect(all.count == 300, "no task claimed twice")
            #expect(Set(all.map(\.id)) == enqueued, "none missing")
            #expect(Set(all.map(\.worker)).count > 1, "the claimers shared the work")
            let succeeded = try await TaskRecord.query(on: database.handle.database).filter(\.$status == .success)
                .count()
            #expect(succeeded == 300)
        }
    }

    @Test(
        "a worker service runs tasks in its slots, writes heartbeats and shows in the metrics",
        arguments: SchemaDialect.allCases)
    func workerService(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let queue = Self.queue(database)
            for n in 0..<20 { try await queue.enqueue("echo", args: .number(Double(n))) }
            try await queue.enqueue("unhandled", args: .null)
            let running = Locked((now: 0, peak: 0))
            let echo = TaskHandler(run: { task in
                running.withLock {
                    $0.now += 1
                    $0.peak = max($0.peak, $0.now)
                }
                try await Task.sleep(for: .milliseconds(50))
                running.withLock { $0.now -= 1 }
                return "echo \(task.args.plainText)"
            })
            var worker = QueueWorker(name: "test-worker", queue: queue, slots: 2, handlers: ["echo": echo])
            worker.pollInterval = .milliseconds(20)
            worker.snapshotInterval = .milliseconds(500)
            let group = ServiceGroup(configuration: .init(services: [worker], logger: Logger(label: "test")))
            let service = Task { try await group.run() }

            let done = try await waitUntil {
                try await TaskRecord.query(on: database.handle.database).filter(\.$status ~~ [.success, .failure])
                    .count() == 21
            }
            await group.triggerGracefulShutdown()
            try await service.value
            try #require(done, "the worker ran the 21 tasks")

            #expect(running.withLock { $0.peak } == 2, "two slots, both used")
            let records = try await TaskRecord.query(on: database.handle.database).sort(\.$id).all()
            #expect(records.prefix(20).allSatisfy { $0.status == .success && $0.worker == "test-worker" })
            #expect(records.prefix(20).map(\.result) == (0..<20).map { "echo \($0)" })
            #expect(records[20].status == .failure && records[20].result == "no handler for 'unhandled'")

            let snapshots = try await QueueMetricsSnapshot.query(on: database.handle.database)
                .filter(\.$workerName == "test-worker").sort(\.$snapshotTime, .descending).all()
            #expect(snapshots.count >= 2, "one at start, one at shutdown")
            let last = try #require(snapshots.first)
            #expect(last.processedTasks == 21 && last.failedTasks == 1 && last.activeTasks == 0)
            #expect(last.workerStats?["slots"] == 2)
            #expect(last.queueLengths == ["default": 0])

            let overview = try await QueueMetrics(database: database.handle.database).overview()
            #expect(overview.succeededPerMinute.count == 60 && overview.failedPerMinute.count == 60)
            #expect(overview.succeededPerMinute.reduce(0, +) == 20)
            #expect(overview.failedPerMinute.reduce(0, +) == 1)
            #expect(overview.depth == 0 && overview.running == 0 && overview.delayed == 0)
            #expect(Set(overview.runSeconds.keys) == ["p50", "p95", "p99"])
            #expect(Set(overview.waitSeconds.keys) == ["p50", "p95", "p99"])
            let p50 = try #require(overview.runSeconds["p50"])
            let p99 = try #require(overview.runSeconds["p99"])
            // Each task sleeps 50 ms: the run times can't be shorter (how much longer depends on the machine's load).
            #expect(p50 >= 0.05 && p50 <= p99)
            let view = try #require(overview.workers.first)
            #expect(overview.workers.count == 1)
            #expect(view.name == "test-worker" && view.live && view.slots == 2)
            #expect(view.processed == 21 && view.failed == 1 && view.running == 0)
            #expect(try await QueueMetrics(database: database.handle.database).liveWorkers() == ["test-worker"])
        }
    }
}

/// A value shared by concurrent tasks of a test (a `Mutex` can't be captured by an escaping closure).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result { mutex.withLock { body(&$0) } }
}

/// A clock a test moves by hand.
final class TestClock: Sendable {
    private let date: Mutex<Date>

    init(_ start: Date) { date = Mutex(start) }

    var now: Date { date.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { date.withLock { $0 += seconds } }
}
