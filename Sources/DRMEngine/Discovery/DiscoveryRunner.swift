public import DRMCore
public import DRMRemote
import DRMStore
public import FluentKit
public import Foundation
import Synchronization

/// Runs the task of a stored discovery run (`discovery.run`): marks the run running, sweeps and identifies with
/// ``NetworkScanner``, writes its progress about twice a second (and stops when a cancel was asked for), then stores
/// every host found and ends the run. A run whose worker was lost starts again from the beginning.
public struct DiscoveryRunner: Sendable {
    public let database: any Database
    /// How often progress is written and a cancel looked for.
    public var progressInterval: Duration = .milliseconds(500)
    public var now: @Sendable () -> Date = { Date() }

    public init(database: any Database) {
        self.database = database
    }

    /// The queue handler of `discovery.run`.
    public var handler: TaskHandler {
        TaskHandler(
            run: { task in try await execute(task) },
            workerLost: { task, db in try await workerLost(task, on: db) })
    }

    /// Runs the run of a `discovery.run` task; returns its final status.
    public func execute(_ task: TaskQueue.Claimed) async throws -> String? {
        guard case .number(let number)? = task.args["discovery_job_id"] else {
            throw TaskError("the task has no discovery_job_id")
        }
        let id = Int(number)
        guard let row = try await DiscoveryJob.find(id, on: database) else { return "missing" }
        guard DiscoveryRunStatus(rawValue: row.status)?.isTerminal == false else { return row.status }
        if row.cancelRequested { return try await end(id, .cancelled, error: nil, hosts: []).rawValue }
        let plan: SweepPlan
        let request: DiscoveryRequest
        do {
            request = try (row.discoveryConfig ?? .null).decoded(as: DiscoveryRequest.self)
            plan = try request.plan()
        } catch {
            return try await end(id, .failed, error: "the stored configuration is invalid: \(error)", hosts: [])
                .rawValue
        }
        try await DiscoveredDevice.query(on: database).filter(\.$discoveryJobID == id).delete()
        try await DiscoveryJob.query(on: database).filter(\.$id == id)
            .set(\.$status, to: DiscoveryRunStatus.running.rawValue).set(\.$startedAt, to: now())
            .set(\.$phase, to: "sweeping").set(\.$progressTotal, to: plan.attempts).update()

        let latest = LatestProgress()
        let scanner = NetworkScanner(plan: plan, resolveNames: request.resolveNames)
        let scan = Task { await scanner.run { progress in latest.value.withLock { $0 = progress } } }
        let monitor = Task { try await watch(id, latest: latest, scan: scan) }
        let report = await withTaskCancellationHandler {
            await scan.value
        } onCancel: {
            scan.cancel()
        }
        monitor.cancel()
        _ = await monitor.result
        try Task.checkCancellation()
        let status: DiscoveryRunStatus = report.cancelled ? .cancelled : .completed
        return try await end(id, status, error: nil, hosts: report.hosts).rawValue
    }

    /// Writes the latest progress every ``progressInterval`` and cancels the scan when a cancel was asked for.
    func watch(_ id: Int, latest: LatestProgress, scan: Task<DiscoveryReport, Never>) async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: progressInterval)
            if let progress = latest.value.withLock({ $0 }) {
                let (phase, done, total, open): (String, Int, Int, Int?) =
                    switch progress {
                    case .sweeping(let sweep): ("sweeping", sweep.done, sweep.total, sweep.open)
                    case .identifying(let done, let total): ("identifying", done, total, nil)
                    }
                var update = DiscoveryJob.query(on: database).filter(\.$id == id).set(\.$phase, to: phase)
                    .set(\.$progressDone, to: done).set(\.$progressTotal, to: total)
                if let open { update = update.set(\.$openPortCount, to: open) }
                try? await update.update()
            }
            if (try? await DiscoveryJob.find(id, on: database))?.cancelRequested == true {
                scan.cancel()
                return
            }
        }
    }

    /// Stores the hosts and ends the run, in one transaction.
    func end(_ id: Int, _ status: DiscoveryRunStatus, error: String?, hosts: [DiscoveredHost]) async throws
        -> DiscoveryRunStatus
    {
        let now = now()
        try await database.transaction { db in
            for host in hosts { try await Self.device(host, run: id, at: now).create(on: db) }
            guard let row = try await DiscoveryJob.find(id, on: db) else { return }
            row.status = status.rawValue
            row.completedAt = now
            row.phase = nil
            row.discoveredCount = hosts.count
            row.openPortCount = hosts.reduce(0) { $0 + $1.openPorts.count }
            if status == .completed { row.progressDone = row.progressTotal }
            row.errorMessage = error.map { String($0.prefix(2000)) }
            try await row.save(on: db)
        }
        return status
    }

    /// The row of a host found by run `run`.
    static func device(_ host: DiscoveredHost, run: Int, at now: Date) throws -> DiscoveredDevice {
        let row = DiscoveredDevice()
        row.deviceUUID = UUID()
        row.deviceSerial = "DEV-" + row.deviceUUID.uuidString.lowercased()
        row.discoveryJobID = run
        row.ipAddress = host.address
        row.hostname = host.hostname.map { String($0.prefix(255)) }
        row.deviceType = host.classification.deviceType
        row.osType =
            switch host.classification.deviceClass {
            case .linuxServer?: "linux"
            case .windowsServer?: "windows"
            default: nil
            }
        row.services = .object(
            Dictionary(uniqueKeysWithValues: host.services.map { ("\($0.port)", .string($0.service.rawValue)) }))
        row.ports = .array(host.openPorts.map { .number(Double($0)) })
        row.isReachable = true
        row.lastSeen = now
        row.discoveryMethod = "tcp_connect"
        row.rawData = try JSONValue(encoding: host)
        row.reviewState = DeviceReviewState.pending.rawValue
        let identity = host.identity
        row.identityKind = identity.kind
        row.identity = String(identity.value.prefix(255))
        return row
    }

    /// A lost worker's run goes back to pending (its partial hosts are dropped when it runs again), and runs again
    /// while the task has retries left; otherwise it ends as failed.
    func workerLost(_ task: TaskQueue.Claimed, on db: any Database) async throws -> Bool {
        guard case .number(let number)? = task.args["discovery_job_id"],
            let row = try await DiscoveryJob.find(Int(number), on: db),
            DiscoveryRunStatus(rawValue: row.status)?.isTerminal == false
        else { return false }
        let again = task.retries < task.maxRetries && !row.cancelRequested
        row.status = again ? DiscoveryRunStatus.pending.rawValue : DiscoveryRunStatus.failed.rawValue
        if !again {
            row.completedAt = now()
            row.errorMessage = row.cancelRequested ? nil : "the worker running it was lost"
            if row.cancelRequested { row.status = DiscoveryRunStatus.cancelled.rawValue }
        }
        try await row.save(on: db)
        return again
    }
}

/// The latest progress of a running scan, shared between the scan and the task that writes it.
final class LatestProgress: Sendable {
    let value = Mutex<DiscoveryProgress?>(nil)
}
