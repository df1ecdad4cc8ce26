public import DRMCore
import DRMStore
public import FluentKit
import Foundation

/// Job event rules: which events of one job (or of every job) go to which destination, with which template.
public struct NotificationRules: Sendable {
    public let database: any Database
    public let audit: AuditTrail

    public init(database: any Database, audit: AuditTrail) {
        self.database = database
        self.audit = audit
    }

    /// A rule as callers see it.
    public struct Record: Sendable, Hashable {
        public var id: Int
        public var name: String
        /// Nil: every job.
        public var jobID: Int?
        public var events: [NotificationEvent]
        public var destinationID: Int
        public var templateID: Int?
        public var active: Bool
    }

    /// Creates a rule; every reference must exist and at least one known event be chosen.
    public func create(
        name: String, jobID: Int?, events: [String], destinationID: Int, templateID: Int?, createdBy: Int?
    ) async throws -> Record {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 255 else {
            throw NotificationError.invalid(field: "name", message: "must be 1…255 characters")
        }
        guard !events.isEmpty else { throw NotificationError.invalid(field: "events", message: "must not be empty") }
        var chosen: [NotificationEvent] = []
        for (index, text) in events.enumerated() {
            guard let event = NotificationEvent(rawValue: text), event != .test else {
                throw NotificationError.invalid(
                    field: "events[\(index)]",
                    message: "must be one of \(NotificationEvent.allCases.filter { $0 != .test }.map(\.rawValue))")
            }
            chosen.append(event)
        }
        let events: JSONValue = .array(chosen.map { .string($0.rawValue) })
        return try await database.transaction { db in
            if let jobID, try await Job.find(jobID, on: db) == nil {
                throw NotificationError.invalid(field: "job_id", message: "names no job")
            }
            guard try await NotificationDestination.find(destinationID, on: db) != nil else {
                throw NotificationError.invalid(field: "destination_id", message: "names no destination")
            }
            if let templateID, try await NotificationTemplate.find(templateID, on: db) == nil {
                throw NotificationError.invalid(field: "template_id", message: "names no template")
            }
            let row = NotificationRule()
            row.name = name
            row.jobID = jobID
            row.events = events
            row.destinationID = destinationID
            row.templateID = templateID
            row.isActive = true
            row.createdBy = createdBy
            try await row.create(on: db)
            try await audit.record(
                .notificationRuleCreated, resource: ("notification_rule", String(try row.requireID())),
                details: ["name": .string(name), "events": row.events], on: db)
            return try Self.record(row)
        }
    }

    /// Every rule (of `jobID` and the global ones when given).
    public func list(jobID: Int? = nil) async throws -> [Record] {
        var query = NotificationRule.query(on: database)
        if let jobID { query = query.group(.or) { $0.filter(\.$jobID == jobID).filter(\.$jobID == nil) } }
        return try await query.sort(\.$id).all().map(Self.record)
    }

    /// Deletes rule `id`.
    public func delete(_ id: Int) async throws {
        try await database.transaction { db in
            guard let row = try await NotificationRule.find(id, on: db) else {
                throw NotificationError.notFound("rule \(id)")
            }
            try await row.delete(on: db)
            try await audit.record(
                .notificationRuleDeleted, resource: ("notification_rule", String(id)), on: db)
        }
    }

    static func record(_ row: NotificationRule) throws -> Record {
        Record(
            id: try row.requireID(), name: row.name, jobID: row.jobID,
            events: row.events.arrayOfStrings.compactMap(NotificationEvent.init(rawValue:)),
            destinationID: row.destinationID, templateID: row.templateID, active: row.isActive)
    }
}
