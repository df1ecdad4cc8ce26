public import DRMCore
import DRMStore
public import FluentKit
public import Foundation

/// The delivery log (every delivery with its attempts), redelivery and test messages. Sending again and testing
/// are audited; both go through the outbox and the queue like any event.
public struct NotificationDeliveries: Sendable {
    public let database: any Database
    public let audit: AuditTrail
    public var now: @Sendable () -> Date

    public init(database: any Database, audit: AuditTrail, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.audit = audit
        self.now = now
    }

    /// A delivery as the log shows it.
    public struct Record: Sendable, Hashable {
        public var id: Int
        /// The `webhook-id` (or the mail's Message-ID local part) of every attempt.
        public var messageID: String
        public var destinationID: Int
        public var event: String
        public var executionID: Int?
        public var subject: String?
        public var status: DeliveryState
        public var attempts: Int
        public var lastResponseCode: Int?
        public var lastError: String?
        public var createdAt: Date?
        public var deliveredAt: Date?
        public var nextAttemptAt: Date?
    }

    /// One attempt of a delivery.
    public struct Attempt: Sendable, Hashable {
        public var number: Int
        public var status: NotificationStatus
        public var responseCode: Int?
        public var latencyMS: Int?
        public var error: String?
        public var sentAt: Date?
        /// What was sent, without secrets.
        public var request: JSONValue
    }

    /// Which deliveries to list.
    public struct Filter: Sendable, Hashable {
        public var status: DeliveryState?
        public var destinationID: Int?
        public var event: String?
        public var executionID: Int?

        public init(
            status: DeliveryState? = nil, destinationID: Int? = nil, event: String? = nil, executionID: Int? = nil
        ) {
            self.status = status
            self.destinationID = destinationID
            self.event = event
            self.executionID = executionID
        }
    }

    /// Deliveries matching `filter`, newest first, one page of them, and how many match in all.
    public func list(_ filter: Filter, page: Int = 1, perPage: Int = 50) async throws -> (records: [Record], total: Int)
    {
        var query = NotificationDelivery.query(on: database)
        if let status = filter.status { query = query.filter(\.$status == status.rawValue) }
        if let destination = filter.destinationID { query = query.filter(\.$destinationID == destination) }
        if let event = filter.event { query = query.filter(\.$eventType == event) }
        if let execution = filter.executionID { query = query.filter(\.$jobExecutionID == execution) }
        let total = try await query.count()
        let rows = try await query.sort(\.$id, .descending).range(((page - 1) * perPage)..<(page * perPage)).all()
        return (try rows.map(Self.record), total)
    }

    /// The attempts of delivery `id`, oldest first.
    public func attempts(of id: Int) async throws -> [Attempt] {
        guard try await NotificationDelivery.find(id, on: database) != nil else {
            throw NotificationError.notFound("delivery \(id)")
        }
        return try await NotificationLog.query(on: database).filter(\.$deliveryID == id).sort(\.$id).all().map {
            Attempt(
                number: $0.attempt ?? 0, status: $0.status, responseCode: $0.responseCode, latencyMS: $0.latencyMS,
                error: $0.errorMessage, sentAt: $0.sentAt, request: $0.contextData?.member("request") ?? .null)
        }
    }

    /// Sends delivery `id` again (same body, same `webhook-id`), with a fresh allowance of attempts.
    public func redeliver(_ id: Int) async throws -> Record {
        try await database.transaction { db in
            guard let row = try await NotificationDelivery.find(id, on: db) else {
                throw NotificationError.notFound("delivery \(id)")
            }
            guard let state = DeliveryState(rawValue: row.status), state.isFinal else {
                throw NotificationError.conflict(field: nil, message: "delivery \(id) is still being delivered")
            }
            row.status = DeliveryState.pending.rawValue
            row.maxAttempts = row.attempts + DeliveryRetryPolicy().maxAttempts
            row.nextAttemptAt = nil
            try await row.save(on: db)
            try await TaskQueue(database: db).enqueue(
                NotificationOutbox.taskName, args: ["delivery_id": .number(Double(id))],
                maxRetries: NotificationOutbox.taskRetries, on: db)
            try await audit.record(
                .notificationSent, resource: ("notification_delivery", String(id)),
                details: ["redeliver": .bool(true)], on: db)
            return try Self.record(row)
        }
    }

    /// Queues a test message to destination `id` (even a disabled one is tried only once it is enabled).
    public func test(destination id: Int) async throws -> Record {
        try await database.transaction { db in
            guard let destination = try await NotificationDestination.find(id, on: db) else {
                throw NotificationError.notFound("destination \(id)")
            }
            let row = try await NotificationOutbox(now: now).enqueue(
                .test, values: NotificationTemplates.sampleValues, to: destination, on: db)
            try await audit.record(
                .notificationSent, resource: ("notification_destination", String(id)),
                details: ["test": .bool(true), "delivery_id": .number(Double(try row.requireID()))], on: db)
            return try Self.record(row)
        }
    }

    static func record(_ row: NotificationDelivery) throws -> Record {
        Record(
            id: try row.requireID(),
            messageID: NotificationSender.webhookID(row), destinationID: row.destinationID, event: row.eventType,
            executionID: row.jobExecutionID, subject: row.subject,
            status: DeliveryState(rawValue: row.status) ?? .pending, attempts: row.attempts,
            lastResponseCode: row.lastResponseCode, lastError: row.lastError, createdAt: row.createdAt,
            deliveredAt: row.deliveredAt, nextAttemptAt: row.nextAttemptAt)
    }
}

extension JSONValue {
    /// Member `key` of an object.
    func member(_ key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }
}
