public import DRMCore
import DRMStore
public import FluentKit
public import Foundation

/// Pins and unpins executions: retention never deletes a pinned execution, its branches or its logs.
public struct ExecutionPins: Sendable {
    public let database: any Database
    public let audit: AuditTrail
    public var now: @Sendable () -> Date

    public init(database: any Database, audit: AuditTrail, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.audit = audit
        self.now = now
    }

    /// Pins (`true`) or unpins the execution; returns when it was pinned (`nil` when not). Audited.
    @discardableResult
    public func set(_ executionID: Int, pinned: Bool) async throws -> Date? {
        try await database.transaction { db in
            guard let execution = try await Execution.find(executionID, on: db) else {
                throw JobError.notFound("execution \(executionID)")
            }
            execution.pinnedAt = pinned ? execution.pinnedAt ?? now() : nil
            try await execution.save(on: db)
            try await audit.record(
                pinned ? .executionPinned : .executionUnpinned, resource: ("execution", String(executionID)),
                details: ["serial": .string(execution.executionSerial)], on: db)
            return execution.pinnedAt
        }
    }
}
