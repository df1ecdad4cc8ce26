import DRMCore
import DRMStore
public import FluentKit
import Foundation

/// The job use cases: create, change, soft-delete, find and list jobs, each change audited in its transaction.
///
/// Names are unique among the jobs that aren't deleted (the CLI addresses jobs by name). Every action must be able
/// to run on every explicitly chosen target: a command needs an SSH method, a relative HTTP request a REST API one.
public struct JobCatalog: Sendable {
    public let database: any Database
    public let audit: AuditTrail
    public var now: @Sendable () -> Date = { Date() }

    public init(database: any Database, audit: AuditTrail) {
        self.database = database
        self.audit = audit
    }

    /// Creates a job with its actions and targets, under a newly allocated serial.
    public func create(_ draft: JobDraft, createdBy userID: Int, adhoc: Bool = false) async throws -> JobDefinition {
        let specs = try draft.check()
        return try await withSerialRetry {
            try await database.transaction { db in
                if !adhoc { try await ensureNameFree(draft.name, except: nil, on: db) }
                try await ensureRunnable(specs, on: draft.targetIDs, on: db)
                let job = Job()
                job.jobUUID = UUID()
                job.jobSerial = try await nextSerial(on: db).description
                job.jobType = Self.jobType(of: specs)
                job.status = .draft
                job.retryCount = 0
                job.isDeleted = false
                job.createdBy = userID
                job.isAdhoc = adhoc
                apply(draft, to: job)
                try await job.create(on: db)
                try await replaceActions(of: job, with: draft.actions, on: db)
                try await replaceTargets(of: job, with: draft.targetIDs, on: db)
                if !adhoc {
                    try await audit.record(
                        .jobCreated, resource: ("job", String(try job.requireID())),
                        details: ["name": .string(job.name), "serial": .string(job.jobSerial)], on: db)
                }
                return try await definition(of: job, on: db)
            }
        }
    }

    /// Replaces a job's definition with `draft` (actions and targets replace the old lists).
    public func update(_ id: Int, with draft: JobDraft) async throws -> JobDefinition {
        let specs = try draft.check()
        return try await database.transaction { db in
            let job = try await Self.job(id, on: db)
            try await ensureNameFree(draft.name, except: id, on: db)
            try await ensureRunnable(specs, on: draft.targetIDs, on: db)
            let before = try await definition(of: job, on: db)
            apply(draft, to: job)
            job.jobType = Self.jobType(of: specs)
            try await job.save(on: db)
            if before.draft.actions != draft.actions { try await replaceActions(of: job, with: draft.actions, on: db) }
            if before.draft.targetIDs != draft.targetIDs {
                try await replaceTargets(of: job, with: draft.targetIDs, on: db)
            }
            let after = try await definition(of: job, on: db)
            try await audit.record(
                .jobUpdated, resource: ("job", String(id)), details: ["changes": .object(before.changes(to: after))],
                on: db)
            return after
        }
    }

    /// Soft-deletes a job: it disappears from lists and can't run; its executions stay.
    public func delete(_ id: Int, by userID: Int?) async throws {
        try await database.transaction { db in
            let job = try await Self.job(id, on: db)
            job.isDeleted = true
            job.status = .deleted
            job.deletedAt = now()
            job.deletedBy = userID
            try await job.save(on: db)
            try await audit.record(
                .jobDeleted, resource: ("job", String(id)), details: ["name": .string(job.name)], on: db)
        }
    }

    /// The job with this id, or the live job with this name or serial.
    public func find(_ reference: String) async throws -> JobDefinition {
        let query = Job.query(on: database).filter(\.$isDeleted == false)
        let job: Job?
        if let id = Int(reference) {
            job = try await query.filter(\.$id == id).first()
        } else {
            job = try await query.group(.or) { $0.filter(\.$name == reference).filter(\.$jobSerial == reference) }
                .first()
        }
        guard let job else { throw JobError.notFound("job '\(reference)'") }
        return try await definition(of: job, on: database)
    }

    /// The job with this id, deleted or not.
    public func get(_ id: Int) async throws -> JobDefinition {
        try await definition(of: try await Self.job(id, on: database, includingDeleted: true), on: database)
    }

    /// A page of the live, non-ad-hoc jobs, filtered by `search` (name or serial) and sorted by name.
    public func list(search: String? = nil, page: Int = 1, perPage: Int = 50) async throws -> (
        items: [JobDefinition], total: Int
    ) {
        var query = Job.query(on: database).filter(\.$isDeleted == false).filter(\.$isAdhoc == false)
        if let search, !search.isEmpty {
            query = query.group(.or) { $0.filter(\.$name ~~ search).filter(\.$jobSerial ~~ search) }
        }
        let total = try await query.count()
        let jobs = try await query.sort(\.$name).range(((page - 1) * perPage)..<(page * perPage)).all()
        var items: [JobDefinition] = []
        for job in jobs { items.append(try await definition(of: job, on: database)) }
        return (items, total)
    }

    static func job(_ id: Int, on db: any Database, includingDeleted: Bool = false) async throws -> Job {
        guard let job = try await Job.find(id, on: db), includingDeleted || !job.isDeleted else {
            throw JobError.notFound("job \(id)")
        }
        return job
    }

    static func jobType(of specs: [ActionSpec]) -> JobType {
        let types = Set(specs.map(\.type))
        guard types.count == 1, let only = types.first else { return .composite }
        switch only {
        case .command: return .command
        case .script: return .script
        case .fileTransfer: return .fileTransfer
        case .httpRequest: return .composite
        }
    }

    func apply(_ draft: JobDraft, to job: Job) {
        job.name = draft.name
        job.description = draft.description
        job.priority = draft.priority
        job.timeout = draft.timeoutSeconds
        job.targetFilter = draft.targetFilter
        job.parallelism = draft.parallelism
        job.failurePolicy = draft.failurePolicy.rawValue
        job.options = (try? JSONValue(encoding: draft.options)) ?? .array([])
    }

    func ensureNameFree(_ name: String, except id: Int?, on db: any Database) async throws {
        var query = Job.query(on: db).filter(\.$name == name).filter(\.$isDeleted == false).filter(\.$isAdhoc == false)
        if let id { query = query.filter(\.$id != id) }
        if try await query.first() != nil {
            throw JobError.conflict(field: "name", message: "a job named '\(name)' already exists")
        }
    }

    /// Refuses targets that don't exist or lack a method an action needs.
    func ensureRunnable(_ specs: [ActionSpec], on targetIDs: [Int], on db: any Database) async throws {
        guard !targetIDs.isEmpty else { return }
        let methods = try await TargetMethods.load(targetIDs, on: db)
        for (index, id) in targetIDs.enumerated() {
            guard let target = methods.targets[id] else {
                throw JobError.invalid(field: "target_ids.\(index)", message: "target \(id) does not exist")
            }
            if let missing = methods.missing(for: specs, target: id) {
                throw JobError.invalid(field: "target_ids.\(index)", message: missing.describe(target: target.name))
            }
        }
    }

    func replaceActions(of job: Job, with actions: [JobDraft.Action], on db: any Database) async throws {
        let jobID = try job.requireID()
        try await JobAction.query(on: db).filter(\.$jobID == jobID).delete()
        let rows = actions.enumerated().map { index, action in
            let row = JobAction()
            row.jobID = jobID
            row.actionOrder = index + 1
            row.actionType = action.type
            row.actionName = action.name
            row.actionParameters = action.parameters
            row.actionConfig = action.config
            return row
        }
        try await rows.create(on: db)
    }

    func replaceTargets(of job: Job, with targetIDs: [Int], on db: any Database) async throws {
        let jobID = try job.requireID()
        try await JobTarget.query(on: db).filter(\.$jobID == jobID).delete()
        guard !targetIDs.isEmpty else { return }
        try await targetIDs.map { id in
            let row = JobTarget()
            row.jobID = jobID
            row.targetID = id
            return row
        }.create(on: db)
    }

    func nextSerial(on db: any Database) async throws -> JobSerial {
        let year = JobSerial.year(of: now())
        let low = try JobSerial(year: year, sequence: 1).description
        let high = try JobSerial(year: year, sequence: JobSerial.maximumSequence).description
        let latest = try await Job.query(on: db).filter(\.$jobSerial >= low).filter(\.$jobSerial <= high)
            .sort(\.$jobSerial, .descending).first()
        return try JobSerial.next(after: latest.flatMap { try? JobSerial(parsing: $0.jobSerial) }, now: now())
    }

    func definition(of job: Job, on db: any Database) async throws -> JobDefinition {
        let id = try job.requireID()
        let actions = try await JobAction.query(on: db).filter(\.$jobID == id).sort(\.$actionOrder).all()
        let targets = try await JobTarget.query(on: db).filter(\.$jobID == id).sort(\.$id).all()
        return JobDefinition(job: job, actions: actions, targetIDs: targets.map(\.targetID))
    }
}

/// Runs `body` again (up to ten times, after a short random pause) when a concurrent writer took the serial it
/// allocated.
func withSerialRetry<T>(_ body: () async throws -> T) async throws -> T {
    var attempt = 0
    while true {
        do {
            return try await body()
        } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 9 {
            attempt += 1
            try await Task.sleep(for: .milliseconds(Int.random(in: 1...20)))
        }
    }
}
