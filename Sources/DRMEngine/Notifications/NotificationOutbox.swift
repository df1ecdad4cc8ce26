public import DRMCore
public import DRMStore
public import FluentKit
public import Foundation

/// The transactional outbox: what an event means to notify is written in the event's own transaction (a delivery
/// row and its queue task), so a crash after the commit loses nothing, and nothing is sent for an event that was
/// rolled back. The queue's workers deliver (``NotificationSender``).
public struct NotificationOutbox: Sendable {
    /// The name of the queue task that delivers one delivery.
    public static let taskName = "notification.deliver"
    /// A delivery's queue task, which a sweeper takes back after a lost worker; the delivery's own attempts bound it.
    static let taskRetries = 100

    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    /// Writes one delivery of `event` to `destination` and its task, on `db` (the event's transaction).
    @discardableResult
    public func enqueue(
        _ event: NotificationEvent, values: [String: String], to destination: NotificationDestination,
        rule: NotificationRule? = nil, template: NotificationTemplate? = nil, executionID: Int? = nil,
        on db: any Database
    ) async throws -> NotificationDelivery {
        var values = values
        values["event"] = event.rawValue
        values["event.summary"] = values["event.summary"] ?? event.summary
        let text = try NotificationText.render(
            subject: template?.subjectTemplate, body: template?.bodyTemplate, values: values)
        values["subject"] = text.subject
        values["message"] = text.body
        let delivery = NotificationDelivery()
        delivery.deliveryUUID = UUID()
        delivery.destinationID = try destination.requireID()
        delivery.ruleID = try rule?.requireID()
        delivery.eventType = event.rawValue
        delivery.jobExecutionID = executionID
        delivery.contextData = .object(values.mapValues(JSONValue.string))
        delivery.subject = text.subject
        switch destination.destinationType {
        case .webhook:
            let config = try DestinationDraft.webhook(destination.config)
            delivery.body = try NotificationText.webhookBody(
                template: config.bodyTemplate, event: event.rawValue, timestamp: now(), values: values)
        default:
            delivery.body = text.body
            delivery.htmlBody = text.html
        }
        delivery.status = DeliveryState.pending.rawValue
        delivery.attempts = 0
        delivery.maxAttempts = DeliveryRetryPolicy().maxAttempts
        try await delivery.create(on: db)
        try await TaskQueue(database: db).enqueue(
            Self.taskName, args: ["delivery_id": .number(Double(try delivery.requireID()))],
            maxRetries: Self.taskRetries, on: db)
        return delivery
    }

    /// The deliveries an execution's start means, on `db` (the transaction that marks it running).
    public func executionStarted(_ execution: Execution, job: Job, on db: any Database) async throws {
        let rules = try await Self.rules(for: job, on: db)
        guard !rules.isEmpty else { return }
        let values = Self.values(execution, job: job, counts: nil)
        try await send([.jobStarted], values: values, rules: rules, executionID: execution.requireID(), on: db)
    }

    /// The deliveries an execution's end means (succeeded or failed, first failure, recovered: compared with the
    /// job's previous finished run), on `db` (the transaction that records the end).
    public func executionFinished(
        _ execution: Execution, job: Job, succeeded: Int, total: Int, on db: any Database
    ) async throws {
        // A cancelled run was stopped by someone: it neither fails nor succeeds.
        guard execution.status != .cancelled else { return }
        let rules = try await Self.rules(for: job, on: db)
        guard !rules.isEmpty else { return }
        let executionID = try execution.requireID()
        let previous = try await Execution.query(on: db).filter(\.$jobID == job.requireID())
            .filter(\.$id < executionID).filter(\.$status ~~ [.completed, .failed, .timedOut, .partiallyFailed])
            .sort(\.$id, .descending).first()
        let events = NotificationEvent.finished(
            succeeded: execution.status.isSuccess, previousSucceeded: previous.map(\.status.isSuccess))
        let values = Self.values(execution, job: job, counts: (succeeded, total))
        try await send(events, values: values, rules: rules, executionID: executionID, on: db)
    }

    func send(
        _ events: [NotificationEvent], values: [String: String], rules: [NotificationRule], executionID: Int,
        on db: any Database
    ) async throws {
        for rule in rules {
            let chosen = Set(rule.events.arrayOfStrings)
            for event in events where chosen.contains(event.rawValue) {
                guard let destination = try await NotificationDestination.find(rule.destinationID, on: db),
                    destination.isEnabled
                else { continue }
                let template = try await rule.templateID.asyncMap { try await NotificationTemplate.find($0, on: db) }
                try await enqueue(
                    event, values: values, to: destination, rule: rule, template: template ?? nil,
                    executionID: executionID, on: db)
            }
        }
    }

    /// The active rules of `job` and the global ones.
    static func rules(for job: Job, on db: any Database) async throws -> [NotificationRule] {
        let jobID = try job.requireID()
        return try await NotificationRule.query(on: db).filter(\.$isActive == true)
            .group(.or) { $0.filter(\.$jobID == jobID).filter(\.$jobID == nil) }.sort(\.$id).all()
    }

    /// The placeholders an execution gives a template.
    static func values(_ execution: Execution, job: Job, counts: (succeeded: Int, total: Int)?) -> [String: String] {
        var values: [String: String] = [
            "job.name": job.name, "job.serial": job.jobSerial, "job.id": job.id.map(String.init) ?? "",
            "execution.serial": execution.executionSerial, "execution.id": execution.id.map(String.init) ?? "",
            "execution.status": execution.status.rawValue,
            "execution.link": execution.id.map { "/executions/\($0)" } ?? "",
        ]
        if let start = execution.startedAt, let end = execution.completedAt {
            values["execution.duration"] = String(format: "%.1f s", end.timeIntervalSince(start))
        }
        if let counts {
            values["targets.total"] = String(counts.total)
            values["targets.succeeded"] = String(counts.succeeded)
            values["targets.failed"] = String(counts.total - counts.succeeded)
        }
        return values
    }
}

extension JSONValue {
    /// The strings of an array value (other items and other values: none).
    var arrayOfStrings: [String] {
        guard case .array(let items) = self else { return [] }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
