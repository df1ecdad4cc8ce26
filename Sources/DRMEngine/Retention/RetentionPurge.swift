public import DRMCore
import DRMStore
public import FluentKit
public import Foundation
import SQLKit

/// Deletes what the retention policy says, in small batches (one short transaction each, with a statement and a
/// lock time-out on PostgreSQL), or only counts it (``plan(_:)``). It never touches an execution that hasn't ended,
/// nor its logs or branches, nor a pinned execution, nor the newest `keptPerJob` finished executions of a job, nor
/// a task that is still waiting or running. Rollups (`performance_metrics`) are never deleted: reports read them.
public struct RetentionPurge: Sendable {
    /// Rows and bytes of one kind.
    public struct Figure: Sendable, Hashable, Codable {
        public var kind: RetentionPolicy.Kind
        /// Rows of the kind (executions: execution rows; their branches, results and logs go with them).
        public var rows: Int
        /// Bytes of those rows (and, for executions, of their branches, results and logs): PostgreSQL's
        /// `pg_column_size`, on SQLite the length of their variable columns plus 64 bytes a row (an estimate).
        public var bytes: Int
        /// Rows older than this go.
        public var before: Date

        enum CodingKeys: String, CodingKey {
            case kind, rows, bytes, before
        }
    }

    public let database: any Database
    public var batchSize = 500
    /// PostgreSQL's `statement_timeout` for each batch's statements.
    public var statementTimeout = "5s"
    /// PostgreSQL's `lock_timeout`: a batch that would wait longer for a lock fails rather than stall live work.
    public var lockTimeout = "1s"
    public var now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }
    var isPostgres: Bool { sql.dialect.name == "postgresql" }

    /// What a purge would delete now: rows and bytes per kind. Deletes nothing.
    public func plan(_ policy: RetentionPolicy) async throws -> [Figure] {
        try await pass(policy, deleting: false, between: nil)
    }

    /// Deletes what `policy` says, batch by batch; `between` runs after each batch (the leader renews its lease
    /// there, and stops the purge by throwing). Audited once, with the counts.
    @discardableResult
    public func run(
        _ policy: RetentionPolicy, audit: AuditTrail, between: (@Sendable () async throws -> Void)? = nil
    ) async throws -> [Figure] {
        let figures = try await pass(policy, deleting: true, between: between)
        var details: [String: JSONValue] = [:]
        for figure in figures {
            details[figure.kind.rawValue] = [
                "rows": .number(Double(figure.rows)), "bytes": .number(Double(figure.bytes)),
                "before": .string(ISO8601DateFormatter().string(from: figure.before)),
            ]
        }
        details["kept_per_job"] = .number(Double(policy.keptPerJob))
        try await audit.record(.retentionPurged, resource: ("retention", nil), details: .object(details), on: database)
        return figures
    }

    func pass(
        _ policy: RetentionPolicy, deleting: Bool, between: (@Sendable () async throws -> Void)?
    ) async throws -> [Figure] {
        let now = now()
        var figures: [Figure] = []
        for kind in RetentionPolicy.Kind.allCases {
            let before = policy.cutoff(kind, now: now)
            var figure = Figure(kind: kind, rows: 0, bytes: 0, before: before)
            for table in RetentionTable.tables(of: kind) {
                let kept = kind == .executions ? try await keptThresholds(policy.keptPerJob) : nil
                var after: RetentionTable.Position?
                while true {
                    let (batch, last) = try await candidates(table, before: before, after: after, kept: kept)
                    guard let last else { break }
                    after = last
                    if batch.isEmpty { continue }
                    figure.bytes += try await bytes(table, ids: batch)
                    if deleting {
                        figure.rows += try await delete(table, ids: batch)
                        try await between?()
                    } else {
                        figure.rows += batch.count
                    }
                }
            }
            figures.append(figure)
        }
        return figures
    }

    /// Per job with more than `count` finished executions: the (completed_at, id) of its `count`-th newest. Older
    /// ones may go; this one and newer stay. Executions finishing during the purge only add newer ones.
    /// `nil` when no minimum is kept; a job missing from the map has no more than `count` and keeps them all.
    func keptThresholds(_ count: Int) async throws -> [Int: RetentionTable.Position]? {
        guard count > 0 else { return nil }
        let rows = try await sql.raw(
            """
            SELECT job_id, completed_at, id FROM (
                SELECT job_id, completed_at, id, ROW_NUMBER() OVER (
                    PARTITION BY job_id ORDER BY completed_at DESC, id DESC) AS newest
                FROM job_executions WHERE completed_at IS NOT NULL AND status IN \(unsafeRaw: RetentionTable.ended)
            ) ranked WHERE newest = \(bind: count)
            """
        ).all()
        var thresholds: [Int: RetentionTable.Position] = [:]
        for row in rows {
            thresholds[try row.decode(column: "job_id", as: Int.self)] = RetentionTable.Position(
                time: try row.decode(column: "completed_at", as: Date.self),
                id: try row.decode(column: "id", as: Int.self))
        }
        return thresholds
    }
}
