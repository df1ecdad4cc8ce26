public import DRMCore
import DRMSchema
import DRMStore
public import FluentKit
public import Foundation
import SQLKit

/// Reads the ``SystemHealth`` of the platform from this process: a handful of small statements (a round trip,
/// the schema revision, the database's size, the queue sample, the workers' latest heartbeats, the lease). A
/// database that doesn't answer makes the report `degraded`, never an error.
public struct SystemHealthCheck: Sendable {
    public let database: any Database
    public var dataDirectory: String
    public var startedAt: Date
    public var now: @Sendable () -> Date = { Date() }
    /// A queue whose oldest due task has waited this long is reported.
    public var stuckAfter: TimeInterval = 300

    public init(database: any Database, dataDirectory: String, startedAt: Date) {
        self.database = database
        self.dataDirectory = dataDirectory
        self.startedAt = startedAt
    }

    public func read() async -> SystemHealth {
        let now = now()
        var problems: [String] = []
        let sql = database as! any SQLDatabase
        let dialect = sql.dialect.name
        var state = SystemHealth.DatabaseState(
            reachable: false, dialect: dialect, headRevision: SchemaStatus.head)
        var queue: QueueSample?
        var workers: [SystemHealth.WorkerState] = []
        var leader: SystemHealth.LeaderState?
        do {
            let start = ContinuousClock.now
            _ = try await sql.raw("SELECT 1 AS one").first()
            state.latencyMilliseconds = (ContinuousClock.now - start) / .milliseconds(1)
            state.reachable = true
            state.schemaRevision = try await Migrator(database: sql).currentRevision()
            state.sizeBytes = try await size(sql)
            queue = try await QueueSample.read(on: database, now: now)
            workers = try await heartbeats(now: now)
            let lease = SchedulerLeaseRow(database: database)
            if lease.isSingleNode {
                leader = .init(holder: nil, expiresAt: nil, singleNode: true)
            } else {
                let current = try await lease.current().flatMap { $0.expiresAt > now ? $0 : nil }
                leader = .init(holder: current?.holder, expiresAt: current?.expiresAt, singleNode: false)
            }
        } catch {
            problems.append(state.reachable ? "the database refused a health read" : "the database is unreachable")
        }
        if state.reachable, state.schemaRevision != state.headRevision {
            problems.append(
                "the schema is at \(state.schemaRevision ?? "base"), head is \(state.headRevision ?? "base")")
        }
        if state.reachable, !workers.contains(where: \.live) { problems.append("no live worker") }
        if let waited = queue?.oldestPendingSeconds, waited > stuckAfter {
            problems.append("the oldest waiting task has waited \(Int(waited)) s")
        }
        if let leader, !leader.singleNode, leader.holder == nil { problems.append("no scheduler holds the lease") }
        let disk = Self.disk(dataDirectory)
        if let free = disk.freeBytes, free < 100 * 1024 * 1024 {
            problems.append("less than 100 MB free in the data directory")
        }
        return SystemHealth(
            status: problems.isEmpty ? "ok" : "degraded", problems: problems, checkedAt: now, database: state,
            queue: queue, workers: workers, leader: leader, disk: disk,
            process: .init(
                residentBytes: QueueMetrics.residentBytes(), startedAt: startedAt,
                uptimeSeconds: max(0, now.timeIntervalSince(startedAt)), version: EnableDRM.version))
    }

    func size(_ sql: any SQLDatabase) async throws -> Int? {
        if sql.dialect.name == "sqlite" {
            let row = try await sql.raw(
                "SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()"
            ).first()
            return try row?.decode(column: "bytes", as: Int.self)
        }
        let row = try await sql.raw("SELECT pg_database_size(current_database())::bigint AS bytes").first()
        return try row?.decode(column: "bytes", as: Int.self)
    }

    /// Each worker's latest heartbeat in the last day, live ones first.
    func heartbeats(now: Date) async throws -> [SystemHealth.WorkerState] {
        let snapshots = try await QueueMetricsSnapshot.query(on: database)
            .filter(\.$snapshotTime >= now.addingTimeInterval(-86_400)).sort(\.$snapshotTime, .descending)
            .limit(1000).all()
        var latest: [String: Date] = [:]
        for snapshot in snapshots where latest[snapshot.workerName] == nil {
            latest[snapshot.workerName] = snapshot.snapshotTime ?? .distantPast
        }
        return latest.map {
            .init(name: $0.key, lastSeen: $0.value, live: now.timeIntervalSince($0.value) <= QueueMetrics.liveWithin)
        }
        .sorted { ($0.live ? 0 : 1, $0.name) < ($1.live ? 0 : 1, $1.name) }
    }

    /// The file system of `path`, or of its nearest existing parent (where it would be made).
    static func disk(_ path: String) -> SystemHealth.DiskState {
        var existing = URL(filePath: path)
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            existing.deleteLastPathComponent()
        }
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: existing.path)
        return .init(
            path: path, freeBytes: (attributes?[.systemFreeSize] as? NSNumber)?.intValue,
            totalBytes: (attributes?[.systemSize] as? NSNumber)?.intValue)
    }
}
