public import DRMCore
public import DRMStore
public import FluentKit
public import Foundation

/// Runs reports: each run is a `generated_reports` row (generating, then completed with its data, or failed with
/// why), audited.
public struct ReportRuns: Sendable {
    public let database: any Database
    public let audit: AuditTrail
    public var now: @Sendable () -> Date

    public init(database: any Database, audit: AuditTrail, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.audit = audit
        self.now = now
    }

    /// A finished run: its row id and its data.
    public struct Run: Sendable {
        public var id: Int
        public var data: ReportData
    }

    /// Runs `kind` over `range` for `userID` (`nil`: the command line or the system).
    public func run(
        _ kind: ReportKind, range: ReportRange, jobIDs: [Int] = [], tag: String? = nil, by userID: Int?
    ) async throws -> Run {
        let row = GeneratedReport()
        row.name = "\(kind.rawValue) \(range.name)"
        row.reportPeriodStart = range.start
        row.reportPeriodEnd = range.end
        row.generatedBy = userID
        row.status = "generating"
        try await row.create(on: database)
        let id = try row.requireID()
        do {
            let data = try await ReportQueries(database: database, now: now).report(
                kind, range: range, jobIDs: jobIDs, tag: tag)
            let json = try JSONEncoder.enableDRM().encode(data)
            row.reportData = try JSONDecoder().decode(JSONValue.self, from: json)
            row.status = "completed"
            row.fileSize = Int64(json.count)
            row.completedAt = now()
            try await database.transaction { db in
                try await row.save(on: db)
                try await audit.record(
                    .reportGenerated, resource: ("report", String(id)),
                    details: ["kind": .string(kind.rawValue), "range": .string(range.name)], on: db)
            }
            return Run(id: id, data: data)
        } catch {
            row.status = "failed"
            row.errorMessage = String(String(describing: error).prefix(1000))
            row.completedAt = now()
            try? await row.save(on: database)
            throw error
        }
    }

    /// Records where a run's output was written and its size.
    public func attach(_ id: Int, path: String?, bytes: Int) async throws {
        guard let row = try await GeneratedReport.find(id, on: database) else { return }
        row.filePath = path.map { String($0.prefix(500)) }
        row.fileSize = Int64(bytes)
        try await row.save(on: database)
    }

    /// The latest runs, newest first.
    public func recent(limit: Int = 20) async throws -> [GeneratedReport] {
        try await GeneratedReport.query(on: database).sort(\.$id, .descending).limit(limit).all()
    }
}
