public import DRMCore
import DRMStore
public import FluentKit
public import Foundation

/// Stored discovery runs: starting one (a `discovery_jobs` row and a task on the durable queue, in one
/// transaction, so a run survives a restart), cancelling, listing and reading them. A worker runs the task
/// (``DiscoveryRunner``). Every change is audited in the transaction that makes it.
public struct DiscoveryRuns: Sendable {
    /// The queue task that runs a discovery.
    public static let taskName = "discovery.run"

    public let database: any Database
    public let audit: AuditTrail
    /// When set, every address a run sweeps must lie inside it.
    public var allowed: ScanRange?
    public var now: @Sendable () -> Date

    public init(
        database: any Database, audit: AuditTrail, allowed: ScanRange? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.audit = audit
        self.allowed = allowed
        self.now = now
    }

    /// Checks `request` (each error names its field; nothing is stored when one is wrong), then stores the run as
    /// pending and queues its task.
    public func start(
        _ request: DiscoveryRequest, name: String? = nil, createdBy: Int, templateID: Int? = nil
    ) async throws -> DiscoveryRunRecord {
        do {
            _ = try request.plan(within: allowed)
        } catch {
            throw DiscoveryError(error)
        }
        let name = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard name.count <= 255 else {
            throw DiscoveryError.invalid(field: "name", message: "must be 1…255 characters")
        }
        let id = try await database.transaction { db in
            let row = DiscoveryJob()
            row.discoveryUUID = UUID()
            row.discoverySerial = "DISC-" + row.discoveryUUID.uuidString.lowercased()
            row.name = name.isEmpty ? String(request.range.prefix(255)) : name
            row.discoveryType = "network_scan"
            row.targetRange = String(request.range.prefix(255))
            row.discoveryConfig = try JSONValue(encoding: request)
            row.status = DiscoveryRunStatus.pending.rawValue
            row.createdBy = createdBy
            row.templateID = templateID
            row.discoveredCount = 0
            row.progressDone = 0
            row.progressTotal = 0
            row.openPortCount = 0
            row.cancelRequested = false
            try await row.create(on: db)
            let id = try row.requireID()
            let task = try await TaskQueue(database: database).enqueue(
                Self.taskName, args: ["discovery_job_id": .number(Double(id))], maxRetries: 2, on: db)
            row.taskID = task.taskID
            try await row.save(on: db)
            try await audit.record(
                .discoveryStarted, resource: ("discovery_job", String(id)),
                details: ["range": .string(request.range), "ports": .string(request.ports)], on: db)
            return id
        }
        return try await detail(id)
    }

    /// Stores a sweep that already ran (`enabledrm discover --save`) as an ended run with its hosts.
    public func save(
        _ request: DiscoveryRequest, hosts: [DiscoveredHost], cancelled: Bool, name: String? = nil, createdBy: Int
    ) async throws -> DiscoveryRunRecord {
        let now = now()
        let id = try await database.transaction { db in
            let row = DiscoveryJob()
            row.discoveryUUID = UUID()
            row.discoverySerial = "DISC-" + row.discoveryUUID.uuidString.lowercased()
            row.name = String((name ?? request.range).prefix(255))
            row.discoveryType = "network_scan"
            row.targetRange = String(request.range.prefix(255))
            row.discoveryConfig = try JSONValue(encoding: request)
            row.status = (cancelled ? DiscoveryRunStatus.cancelled : .completed).rawValue
            row.createdBy = createdBy
            row.startedAt = now
            row.completedAt = now
            row.discoveredCount = hosts.count
            row.progressDone = 0
            row.progressTotal = 0
            row.openPortCount = hosts.reduce(0) { $0 + $1.openPorts.count }
            row.cancelRequested = false
            try await row.create(on: db)
            let id = try row.requireID()
            for host in hosts { try await DiscoveryRunner.device(host, run: id, at: now).create(on: db) }
            try await audit.record(
                .discoveryStarted, resource: ("discovery_job", String(id)),
                details: ["range": .string(request.range), "ports": .string(request.ports), "saved": true], on: db)
            return id
        }
        return try await detail(id)
    }

    /// Cancels a run: a pending one at once, a running one when its runner next looks (within a second or so).
    public func cancel(_ id: Int) async throws -> DiscoveryRunRecord {
        try await database.transaction { db in
            guard let row = try await DiscoveryJob.find(id, on: db) else { throw DiscoveryError.notFound("run \(id)") }
            let status = DiscoveryRunStatus(rawValue: row.status) ?? .failed
            guard !status.isTerminal else {
                throw DiscoveryError.conflict(field: nil, message: "run \(id) has already ended (\(status.rawValue))")
            }
            row.cancelRequested = true
            if status == .pending {
                row.status = DiscoveryRunStatus.cancelled.rawValue
                row.completedAt = now()
            }
            try await row.save(on: db)
            try await audit.record(.discoveryCancelled, resource: ("discovery_job", String(id)), on: db)
        }
        return try await detail(id)
    }

    /// One run.
    public func detail(_ id: Int) async throws -> DiscoveryRunRecord {
        guard let row = try await DiscoveryJob.find(id, on: database) else {
            throw DiscoveryError.notFound("run \(id)")
        }
        return try DiscoveryRunRecord(row)
    }

    /// A page of runs, newest first, optionally of one status.
    public func list(status: DiscoveryRunStatus? = nil, page: Int = 1, perPage: Int = 50) async throws -> (
        items: [DiscoveryRunRecord], total: Int
    ) {
        var query = DiscoveryJob.query(on: database)
        if let status { query = query.filter(\.$status == status.rawValue) }
        let total = try await query.count()
        let start = max(0, page - 1) * perPage
        let rows = try await query.sort(\.$id, .descending).range(start..<(start + perPage)).all()
        return (try rows.map(DiscoveryRunRecord.init), total)
    }
}
