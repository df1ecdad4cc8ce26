import DRMCore
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The claim and the finish as PostgreSQL prepared statements: each connection parses and plans them once, then
/// sends only their values (PostgresNIO prepares nothing by default, so every SQLKit query is parsed again).
extension TaskQueue {
    /// The claim: up to `limit` due tasks of `queue`, oldest first, for `worker`. After five runs PostgreSQL may
    /// keep one generic plan, made without knowing `limit`: the ids as an array and the waiting rows' index on `id`
    /// keep that plan to index scans (with `id IN (subquery)` it hash-joined the whole table).
    struct ClaimStatement: PostgresPreparedStatement {
        static let sql = """
            UPDATE celery_task_history SET status = 'started', worker = $1, started_at = $2, lease_expires_at = $3
            WHERE id = ANY (ARRAY(
                SELECT id FROM celery_task_history
                WHERE status IN ('pending', 'retry') AND queue = $4 AND (eta IS NULL OR eta <= $2)
                ORDER BY id LIMIT $5 FOR UPDATE SKIP LOCKED))
            RETURNING id, task_id, task_name, args::text, retries, max_retries, started_at
            """
        typealias Row = (Int, String, String, String?, Int?, Int?, Date?)

        var worker: String
        var now: Date
        var leaseEnd: Date
        var queue: String
        var limit: Int

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 5)
            bindings.append(worker)
            bindings.append(now)
            bindings.append(leaseEnd)
            bindings.append(queue)
            bindings.append(limit)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            try row.decode(Row.self)
        }
    }

    /// The ends of a batch, one array per column (a fixed statement for any batch size). PostgresNIO's arrays hold
    /// no NULL: a missing result has its flag false, a missing run time is NaN.
    struct FinishStatement: PostgresPreparedStatement {
        static let sql = """
            UPDATE celery_task_history SET status = ended.status::task_status,
                result = CASE WHEN ended.has_result THEN ended.result END, retries = ended.retries, eta = ended.eta,
                completed_at = $7, lease_expires_at = NULL,
                runtime_seconds = NULLIF(ended.runtime, 'NaN'::float8)::numeric(10, 3)
            FROM unnest($1::int8[], $2::text[], $3::bool[], $4::text[], $5::int8[], $6::timestamptz[], $8::float8[])
                AS ended (id, status, has_result, result, retries, eta, runtime)
            WHERE celery_task_history.id = ended.id AND celery_task_history.worker = $9
                AND celery_task_history.status = 'started'
            RETURNING celery_task_history.id
            """
        typealias Row = Int

        var ids: [Int] = []
        var statuses: [String] = []
        var hasResults: [Bool] = []
        var results: [String] = []
        var retries: [Int] = []
        var etas: [Date] = []
        var runtimes: [Double] = []
        var now: Date
        var worker: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 9)
            bindings.append(ids)
            bindings.append(statuses)
            bindings.append(hasResults)
            bindings.append(results)
            bindings.append(retries)
            bindings.append(etas)
            bindings.append(now)
            bindings.append(runtimes)
            bindings.append(worker)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            try row.decode(Int.self)
        }
    }

    /// Runs `statement` on a connection of `postgres` and collects its rows.
    func run<Statement: PostgresPreparedStatement>(
        _ statement: Statement, on postgres: any PostgresDatabase
    ) async throws -> [Statement.Row] where Statement.Row: Sendable {
        let logger = postgres.logger
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [Statement.Row] = []
                for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                return rows
            }
        }.get()
    }

    /// The database as PostgreSQL, when the queue uses prepared statements on it.
    var preparedPostgres: (any PostgresDatabase)? {
        preparedStatements ? database as? any PostgresDatabase : nil
    }

    /// The claim as a prepared statement; `nil` when the queue doesn't use them (SQLite, or turned off).
    func preparedClaim(worker: String, limit: Int, queue: String, now: Date) async throws -> [Claimed]? {
        guard let postgres = preparedPostgres else { return nil }
        let statement = ClaimStatement(
            worker: worker, now: now, leaseEnd: now.addingTimeInterval(lease.seconds), queue: queue, limit: limit)
        return try await run(statement, on: postgres).map { row in
            let args = try row.3.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
            return Claimed(
                id: row.0, taskID: row.1, name: row.2, args: args ?? .null, retries: row.4 ?? 0,
                maxRetries: row.5 ?? 0, startedAt: row.6)
        }.sorted { $0.id < $1.id }
    }

    /// The finish as a prepared statement; `nil` when the queue doesn't use them.
    func preparedFinish(_ completions: [Completion], worker: String, now: Date) async throws -> Set<Int>? {
        guard let postgres = preparedPostgres else { return nil }
        var statement = FinishStatement(now: now, worker: worker)
        for completion in completions {
            let end = ending(completion, at: now)
            statement.ids.append(completion.task.id)
            statement.statuses.append(end.status.rawValue)
            statement.hasResults.append(end.result != nil)
            statement.results.append(end.result ?? "")
            statement.retries.append(end.retries)
            statement.etas.append(end.eta)
            statement.runtimes.append(end.runtime ?? .nan)
        }
        return Set(try await run(statement, on: postgres))
    }
}
