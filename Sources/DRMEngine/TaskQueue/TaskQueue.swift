public import DRMCore
public import DRMStore
public import FluentKit
import Foundation
import SQLKit

/// The durable task queue that replaces Celery and Redis: tasks are rows of `celery_task_history`.
///
/// A task is `pending` until a worker claims it (`started`, with a lease until `lease_expires_at`), then ends as
/// `success` or `failure`, or waits as `retry` until its `eta`. A worker renews the leases of the tasks it runs; a
/// task whose lease expired belongs to a lost worker and is taken back by ``recoverExpiredLeases(using:)``.
/// On PostgreSQL claims use `FOR UPDATE SKIP LOCKED`, so any number of workers on any number of nodes share the
/// queue; on SQLite the database serialises writers, so one claim is one statement.
public struct TaskQueue: Sendable {
    /// A claimed task.
    public struct Claimed: Sendable, Hashable {
        public var id: Int
        public var taskID: String
        public var name: String
        public var args: JSONValue
        public var retries: Int
        public var maxRetries: Int
        /// When this claim started it, as the database holds it (the run time is measured from it).
        public var startedAt: Date?
    }

    /// A claimed task's end, as `worker` records it in ``finish(_:worker:)``.
    public struct Completion: Sendable {
        public var task: Claimed
        public var outcome: Result<String?, TaskError>

        public init(_ task: Claimed, _ outcome: Result<String?, TaskError>) {
            self.task = task
            self.outcome = outcome
        }
    }

    public let database: any Database
    /// How long a claim holds without renewal.
    public var lease: Duration = .seconds(30)
    /// The pause before a failed task's first retry; it doubles each time.
    public var retryBackoff: Duration = .seconds(2)
    /// On PostgreSQL, claim and finish with prepared statements (parsed and planned once per connection).
    public var preparedStatements = true
    /// On PostgreSQL, how often at most a queue whose claims come back full checks that the table's statistics know
    /// the backlog, and analyses it if not (``StatisticsWatch``); zero turns the check off.
    public var statisticsInterval: Duration = .seconds(10)
    /// The fewest waiting tasks for which stale statistics are worth an `ANALYZE`.
    public var statisticsBacklog = 1000
    let statisticsWatch = StatisticsWatch()
    public var now: @Sendable () -> Date = { Date() }

    public init(database: any Database) {
        self.database = database
    }

    /// Adds a task, in `db` (pass a transaction to enqueue together with the rows the task is about).
    @discardableResult
    public func enqueue(
        _ name: String, args: JSONValue, queue: String = "default", eta: Date? = nil, maxRetries: Int = 3,
        on db: (any Database)? = nil
    ) async throws -> TaskRecord {
        let task = Self.record(name, args: args, queue: queue, eta: eta, maxRetries: maxRetries)
        try await task.create(on: db ?? database)
        return task
    }

    /// The row of a pending task, not yet written (for writing many in one statement).
    public static func record(
        _ name: String, args: JSONValue, queue: String = "default", eta: Date? = nil, maxRetries: Int = 3
    ) -> TaskRecord {
        let task = TaskRecord()
        task.taskUUID = UUID()
        task.taskID = task.taskUUID.uuidString.lowercased()
        // The whole UUID: `task_serial` is unique, and eight hex digits collide by the birthday bound (about one
        // chance in a hundred at 10,000 tasks), failing the enqueue.
        task.taskSerial = "TASK-" + task.taskUUID.uuidString.lowercased()
        task.taskName = name
        task.status = .pending
        task.args = args
        task.eta = eta
        task.retries = 0
        task.maxRetries = maxRetries
        task.queue = queue
        return task
    }

    /// Claims up to `limit` due tasks for `worker`, oldest first: one statement, which reads only the partial index
    /// of the waiting rows (`idx_celery_task_history_waiting`), however long the history.
    public func claim(worker: String, limit: Int, queue: String = "default") async throws -> [Claimed] {
        guard limit > 0 else { return [] }
        let sql = database as! any SQLDatabase
        let now = now()
        if let claimed = try await preparedClaim(worker: worker, limit: limit, queue: queue, now: now) {
            await keepStatisticsInStep(claimed: claimed.count, limit: limit)
            return claimed
        }
        // No read first on PostgreSQL: it was a round trip per poll, and an idle poll's UPDATE changes no row.
        // SQLite reads first: an UPDATE takes the file's one write lock even when it changes nothing, and an idle
        // worker polling that way made other connections' transactions fail with SQLITE_BUSY.
        // On PostgreSQL the claimed ids come as an array: `id IN (subquery)` may be planned as a join that scans the
        // whole table.
        let postgres = sql.dialect.name == "postgresql"
        if !postgres {
            let due = try await sql.raw(
                """
                SELECT 1 AS due FROM celery_task_history
                WHERE status IN ('pending', 'retry') AND queue = \(bind: queue) AND (eta IS NULL OR eta <= \(bind: now))
                LIMIT 1
                """
            ).first()
            guard due != nil else { return [] }
        }
        let (open, close, lock): (SQLQueryString, SQLQueryString, SQLQueryString) =
            postgres ? ("= ANY (ARRAY(", "))", "FOR UPDATE SKIP LOCKED") : ("IN (", ")", "")
        let rows = try await sql.raw(
            """
            UPDATE celery_task_history SET status = 'started', worker = \(bind: worker), started_at = \(bind: now),
                lease_expires_at = \(bind: now.addingTimeInterval(lease.seconds))
            WHERE id \(open)
                SELECT id FROM celery_task_history
                WHERE status IN ('pending', 'retry') AND queue = \(bind: queue) AND (eta IS NULL OR eta <= \(bind: now))
                ORDER BY id LIMIT \(bind: limit) \(lock)\(close)
            RETURNING id, task_id, task_name, args, retries, max_retries, started_at
            """
        ).all()
        await keepStatisticsInStep(claimed: rows.count, limit: limit)
        return try rows.map(Self.claimed).sorted { $0.id < $1.id }
    }

    /// Claims one given task for `worker` if it is waiting and due (an ad-hoc run executed in the process that made it).
    public func claim(id: Int, worker: String) async throws -> Claimed? {
        let sql = database as! any SQLDatabase
        let now = now()
        return try await sql.raw(
            """
            UPDATE celery_task_history SET status = 'started', worker = \(bind: worker), started_at = \(bind: now),
                lease_expires_at = \(bind: now.addingTimeInterval(lease.seconds))
            WHERE id = \(bind: id) AND status IN ('pending', 'retry') AND (eta IS NULL OR eta <= \(bind: now))
            RETURNING id, task_id, task_name, args, retries, max_retries, started_at
            """
        ).first().map(Self.claimed)
    }

    static func claimed(_ row: any SQLRow) throws -> Claimed {
        Claimed(
            id: try row.decode(column: "id", as: Int.self),
            taskID: try row.decode(column: "task_id", as: String.self),
            name: try row.decode(column: "task_name", as: String.self),
            args: try row.decode(column: "args", as: JSONValue?.self) ?? .null,
            retries: try row.decode(column: "retries", as: Int?.self) ?? 0,
            maxRetries: try row.decode(column: "max_retries", as: Int?.self) ?? 0,
            startedAt: row.contains(column: "started_at") ? try row.decode(column: "started_at", as: Date?.self) : nil)
    }

    /// Extends the leases of `ids`, which `worker` runs. Returns the ids it no longer holds (taken back).
    @discardableResult
    public func renew(_ ids: [Int], worker: String) async throws -> Set<Int> {
        guard !ids.isEmpty else { return [] }
        let sql = database as! any SQLDatabase
        let rows = try await sql.raw(
            """
            UPDATE celery_task_history SET lease_expires_at = \(bind: now().addingTimeInterval(lease.seconds))
            WHERE id IN (\(binds: ids)) AND worker = \(bind: worker) AND status = 'started'
            RETURNING id
            """
        ).all()
        let held = Set(try rows.map { try $0.decode(column: "id", as: Int.self) })
        return Set(ids).subtracting(held)
    }

    /// Records the end of a task `worker` ran: success, or failure (retried with backoff while retries remain and
    /// `retry` is true).
    public func finish(_ task: Claimed, worker: String, outcome: Result<String?, TaskError>) async throws {
        try await finish([Completion(task, outcome)], worker: worker)
    }

    /// Records the ends of tasks `worker` ran, in one statement. Returns the ids recorded: a task whose lease was
    /// taken back (and maybe claimed again), or that already ended, is left as it is.
    @discardableResult
    public func finish(_ completions: [Completion], worker: String) async throws -> Set<Int> {
        var seen = Set<Int>()
        let completions = completions.filter { seen.insert($0.task.id).inserted }
        guard !completions.isEmpty else { return [] }
        let now = now()
        if let finished = try await preparedFinish(completions, worker: worker, now: now) { return finished }
        let sql = database as! any SQLDatabase
        // PostgreSQL types the VALUES list from its first row; SQLite keeps each value as bound.
        let postgres = sql.dialect.name == "postgresql"
        func cast(_ type: String) -> SQLQueryString { postgres ? "::\(unsafeRaw: type)" : "" }
        var values: [SQLQueryString] = []
        for completion in completions {
            let end = ending(completion, at: now)
            values.append(
                """
                (\(bind: completion.task.id)\(cast("integer")), \(bind: end.status.rawValue)\(cast("text")), \
                \(bind: end.result)\(cast("text")), \(bind: end.retries)\(cast("integer")), \
                \(bind: end.eta)\(cast("timestamptz")), \(bind: end.runtime)\(cast("numeric")))
                """)
        }
        // One conditional statement: only the holder of a running task records its end.
        let rows = try await sql.raw(
            """
            WITH ended (id, status, result, retries, eta, runtime) AS (VALUES \(values.joined(separator: ", ")))
            UPDATE celery_task_history SET status = ended.status\(cast("task_status")), result = ended.result,
                retries = ended.retries, eta = ended.eta, completed_at = \(bind: now), lease_expires_at = NULL,
                runtime_seconds = ended.runtime
            FROM ended
            WHERE celery_task_history.id = ended.id AND celery_task_history.worker = \(bind: worker)
                AND celery_task_history.status = 'started'
            RETURNING celery_task_history.id
            """
        ).all()
        return Set(try rows.map { try $0.decode(column: "id", as: Int.self) })
    }

    /// What a completion writes: the status, result, retries, when it may run again, and its run time in seconds.
    func ending(_ completion: Completion, at now: Date) -> (
        status: TaskStatus, result: String?, retries: Int, eta: Date, runtime: Double?
    ) {
        let task = completion.task
        var status = TaskStatus.success
        var retries = task.retries
        var eta = now
        var result: String?
        switch completion.outcome {
        case .success(let text):
            result = text.map { String($0.prefix(4000)) }
        case .failure(let failure):
            result = String(failure.message.prefix(4000))
            status = .failure
            if failure.retry, task.retries < task.maxRetries {
                status = .retry
                retries += 1
                eta = now.addingTimeInterval(retryBackoff.seconds * Double(1 << min(task.retries, 10)))
            }
        }
        let runtime = task.startedAt.map { (now.timeIntervalSince($0) * 1000).rounded() / 1000 }
        return (status, result, retries, eta, runtime)
    }

    /// Puts a claimed task back as waiting, due after `delay`, without counting a retry (a worker that can't take it
    /// yet, or one shutting down).
    public func release(_ task: Claimed, worker: String, after delay: Duration = .zero) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw(
            """
            UPDATE celery_task_history SET status = 'pending', worker = NULL, lease_expires_at = NULL,
                eta = \(bind: now().addingTimeInterval(delay.seconds))
            WHERE id = \(bind: task.id) AND worker = \(bind: worker) AND status = 'started'
            """
        ).run()
    }

    /// Takes back the tasks whose lease expired (their worker is gone): `recover` decides for each whether it runs
    /// again (it goes back to the queue, counting a retry) or fails. Returns the tasks taken back.
    @discardableResult
    public func recoverExpiredLeases(
        skipping: Set<Int> = [], using recover: @escaping @Sendable (Claimed, any Database) async throws -> Bool
    ) async throws -> [Claimed] {
        let sql = database as! any SQLDatabase
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
        let now = now()
        let expired = try await sql.raw(
            "SELECT id FROM celery_task_history WHERE status = 'started' AND lease_expires_at < \(bind: now) LIMIT 1"
        ).first()
        guard expired != nil else { return [] }
        return try await database.transaction { db in
            let sql = db as! any SQLDatabase
            let rows = try await sql.raw(
                """
                SELECT id, task_id, task_name, args, retries, max_retries, worker FROM celery_task_history
                WHERE status = 'started' AND lease_expires_at < \(bind: now) ORDER BY id LIMIT 100 \(lock)
                """
            ).all()
            var recovered: [Claimed] = []
            for row in rows {
                let task = try Self.claimed(row)
                guard !skipping.contains(task.id) else { continue }
                let worker = try row.decode(column: "worker", as: String?.self) ?? "?"
                let again = try await recover(task, db)
                let message = "worker \(worker) was lost (its lease expired)"
                try await sql.raw(
                    """
                    UPDATE celery_task_history SET status = \(unsafeRaw: again ? "'retry'" : "'failure'"),
                        retries = \(bind: task.retries + (again ? 1 : 0)), lease_expires_at = NULL,
                        completed_at = \(bind: again ? nil : Optional(now)), eta = \(bind: now),
                        result = \(bind: message)
                    WHERE id = \(bind: task.id)
                    """
                ).run()
                recovered.append(task)
            }
            return recovered
        }
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
