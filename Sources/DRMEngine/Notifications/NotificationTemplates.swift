public import DRMCore
import DRMStore
public import FluentKit
public import Foundation

/// Message templates (`notification_templates`): subject and body with `{{…}}` placeholders from the event, the
/// templating rules of job parameters. A rule without a template uses the default (``NotificationText``), which
/// reads well for every job event (`{{event.summary}}` says started, failed, recovered, …).
public struct NotificationTemplates: Sendable {
    public let database: any Database
    public let audit: AuditTrail

    public init(database: any Database, audit: AuditTrail) {
        self.database = database
        self.audit = audit
    }

    /// The placeholders an event gives a template.
    public static let placeholders: Set<String> = [
        "event", "event.summary", "job.name", "job.serial", "job.id", "execution.serial", "execution.id",
        "execution.status", "execution.link", "execution.duration", "targets.total", "targets.succeeded",
        "targets.failed", "subject", "message",
    ]

    /// The values of a sample event, for previews and test messages.
    public static let sampleValues: [String: String] = [
        "event": NotificationEvent.test.rawValue, "event.summary": "failed", "job.name": "nightly-backup",
        "job.serial": "J20260000001", "job.id": "1", "execution.serial": "E20260000042", "execution.id": "42",
        "execution.status": "failed", "execution.link": "/executions/42", "execution.duration": "12.5 s",
        "targets.total": "3", "targets.succeeded": "2", "targets.failed": "1",
    ]

    /// A template as callers see it.
    public struct Record: Sendable, Hashable {
        public var id: Int
        public var name: String
        public var type: NotificationType
        public var subject: String?
        public var body: String
        public var active: Bool
    }

    /// Checks `subject` and `body`: well-formed, and only known placeholders.
    public static func validate(subject: String?, body: String) throws(NotificationError) {
        for (field, text) in [("subject_template", subject), ("body_template", Optional(body))] {
            guard let text else { continue }
            let template: TemplateText
            do { template = try TemplateText(text) } catch { throw .invalid(field: field, message: error.message) }
            if let unknown = template.variables.first(where: { !placeholders.contains($0) }) {
                throw .invalid(field: field, message: "has an unknown placeholder {{\(unknown)}}")
            }
        }
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalid(field: "body_template", message: "must not be empty")
        }
    }

    /// The message `subject` and `body` make for a sample event (or `values`).
    public static func preview(subject: String?, body: String, values: [String: String] = sampleValues)
        throws(NotificationError) -> NotificationText
    {
        try validate(subject: subject, body: body)
        do { return try NotificationText.render(subject: subject, body: body, values: values) } catch {
            throw .invalid(field: "body_template", message: error.message)
        }
    }

    /// Creates a template.
    public func create(name: String, type: NotificationType, subject: String?, body: String, createdBy: Int)
        async throws -> Record
    {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 255 else {
            throw NotificationError.invalid(field: "name", message: "must be 1…255 characters")
        }
        try Self.validate(subject: subject, body: body)
        return try await database.transaction { db in
            let row = NotificationTemplate()
            row.templateUUID = UUID()
            row.templateSerial = "NTMPL-" + row.templateUUID.uuidString.prefix(8).lowercased()
            row.name = name
            row.notificationType = type
            row.templateConfig = [:]
            row.subjectTemplate = subject
            row.bodyTemplate = body
            row.isActive = true
            row.createdBy = createdBy
            try await row.create(on: db)
            try await audit.record(
                .notificationTemplateCreated, resource: ("notification_template", String(try row.requireID())),
                details: ["name": .string(name)], on: db)
            return try Self.record(row)
        }
    }

    /// Every template, by name.
    public func list() async throws -> [Record] {
        try await NotificationTemplate.query(on: database).sort(\.$name).all().map(Self.record)
    }

    static func record(_ row: NotificationTemplate) throws -> Record {
        Record(
            id: try row.requireID(), name: row.name, type: row.notificationType, subject: row.subjectTemplate,
            body: row.bodyTemplate, active: row.isActive ?? true)
    }
}
