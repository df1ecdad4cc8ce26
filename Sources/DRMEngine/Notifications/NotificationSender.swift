public import DRMCore
public import DRMRemote
import DRMStore
public import FluentKit
public import Foundation
public import Logging

/// Delivers the outbox's deliveries: the handler of the `notification.deliver` queue task. Each attempt is
/// written to `notification_logs` (what was sent, without secrets, and what came back); the retry policy decides
/// what follows. A retry goes back to the queue as a deferred task, so no worker waits out a backoff.
///
/// The attempt is counted in the database before anything is sent, so a worker that dies during a send has used
/// that attempt, and the task taken back from it sends again with the same `webhook-id`.
public struct NotificationSender: Sendable {
    public let database: any Database
    public let vault: CredentialVault
    public let http: HTTPRequestClient
    public var policy = DeliveryRetryPolicy()
    /// After this many deliveries in a row failed for good, a destination is disabled.
    public var disableAfter = 5
    public var now: @Sendable () -> Date = { Date() }
    public var random: @Sendable () -> Double = { Double.random(in: 0..<1) }
    public var logger = Logger(label: "enabledrm.notifications")

    public init(database: any Database, vault: CredentialVault, http: HTTPRequestClient) {
        self.database = database
        self.vault = vault
        self.http = http
        logger[metadataKey: "component"] = "notifications"
    }

    /// The queue handler: a lost worker's delivery is always taken back (its attempts bound it).
    public func handlers() -> [String: TaskHandler] {
        [
            NotificationOutbox.taskName: TaskHandler(
                run: { task in
                    guard case .number(let id)? = task.args["delivery_id"] else {
                        throw TaskError("the task has no delivery_id")
                    }
                    return try await deliver(Int(id)).rawValue
                },
                workerLost: { _, _ in true })
        ]
    }

    /// One attempt of delivery `id`; throws ``TaskDeferral`` when it is to be tried again later.
    @discardableResult
    public func deliver(_ id: Int) async throws -> DeliveryState {
        guard let delivery = try await NotificationDelivery.find(id, on: database) else { return .failed }
        if let state = DeliveryState(rawValue: delivery.status), state.isFinal { return state }
        guard let destination = try await NotificationDestination.find(delivery.destinationID, on: database) else {
            return .failed
        }
        guard destination.isEnabled else {
            try await conclude(delivery, destination, attempt: nil, .failed("the destination is disabled"))
            return .failed
        }
        let attempt = delivery.attempts + 1
        delivery.attempts = attempt
        delivery.status = DeliveryState.sending.rawValue
        try await delivery.save(on: database)

        let outcome = await send(delivery, to: destination)
        let verdict = policy.verdict(
            attempt: attempt, status: outcome.policyStatus ?? outcome.status, retryAfter: outcome.retryAfter,
            now: now(), random: random)
        try await conclude(delivery, destination, attempt: (attempt, outcome), verdict)
        var logger = logger
        logger[metadataKey: "delivery_id"] = "\(id)"
        logger.debug(
            "delivery attempt",
            metadata: ["attempt": "\(attempt)", "status": "\(outcome.status.map(String.init) ?? "-")"])
        switch verdict {
        case .delivered: return .delivered
        case .failed: return .failed
        case .retry(let seconds): throw TaskDeferral(after: .milliseconds(Int64(seconds * 1000)))
        }
    }

    /// What one attempt sent and got.
    struct Outcome: Sendable {
        var status: Int?
        var retryAfter: String?
        var error: String?
        var latency: Duration
        var recipient: String
        /// The request as logged: method, URL, header names (values of configured headers hidden).
        var request: JSONValue
        var responseExcerpt: String?
        /// The status the retry policy judges, when it isn't `status` (an SMTP reply maps to 200, 400 or 503).
        var policyStatus: Int?
    }

    func send(_ delivery: NotificationDelivery, to destination: NotificationDestination) async -> Outcome {
        switch destination.destinationType {
        case .webhook: return await sendWebhook(delivery, to: destination)
        case .email: return await sendEmail(delivery, to: destination)
        case .slack, .sms:
            return Outcome(error: "unsupported destination type", latency: .zero, recipient: "", request: .null)
        }
    }

    /// Writes the attempt's log row and the delivery's new state, and counts the destination's failures, in one
    /// transaction.
    func conclude(
        _ delivery: NotificationDelivery, _ destination: NotificationDestination, attempt: (Int, Outcome)?,
        _ verdict: DeliveryRetryPolicy.Verdict
    ) async throws {
        let now = now()
        try await database.transaction { db in
            if let (number, outcome) = attempt {
                let log = NotificationLog()
                log.logUUID = UUID()
                log.logSerial = "NLOG-" + log.logUUID.uuidString.lowercased()
                log.notificationType = destination.destinationType
                log.recipient = String(outcome.recipient.prefix(255))
                log.subject = delivery.subject.map { String($0.prefix(500)) }
                log.message = delivery.body
                log.status = verdict == .delivered ? .delivered : .failed
                log.sentAt = now
                log.deliveredAt = verdict == .delivered ? now : nil
                log.errorMessage = outcome.error ?? verdict.reason
                log.retryCount = number - 1
                log.maxRetries = delivery.maxAttempts - 1
                log.contextData = [
                    "request": outcome.request, "event": .string(delivery.eventType),
                    "response_excerpt": outcome.responseExcerpt.map(JSONValue.string) ?? .null,
                ]
                log.deliveryID = try delivery.requireID()
                log.attempt = number
                log.responseCode = outcome.status
                log.latencyMS =
                    Int(outcome.latency.components.seconds * 1000)
                    + Int(outcome.latency.components.attoseconds / 1_000_000_000_000_000)
                try await log.create(on: db)
                delivery.lastResponseCode = outcome.status
                delivery.lastError = outcome.error ?? verdict.reason
            } else {
                delivery.lastError = verdict.reason
            }
            switch verdict {
            case .delivered:
                delivery.status = DeliveryState.delivered.rawValue
                delivery.deliveredAt = now
                delivery.nextAttemptAt = nil
                destination.consecutiveFailures = 0
            case .retry(let seconds):
                delivery.status = DeliveryState.retrying.rawValue
                delivery.nextAttemptAt = now.addingTimeInterval(seconds)
            case .failed:
                delivery.status = DeliveryState.failed.rawValue
                delivery.nextAttemptAt = nil
                if destination.isEnabled {
                    destination.consecutiveFailures += 1
                    if destination.consecutiveFailures >= disableAfter {
                        destination.isEnabled = false
                        destination.disabledReason =
                            "disabled after \(destination.consecutiveFailures) failed deliveries in a row"
                        logger.warning(
                            "notification destination disabled",
                            metadata: ["destination_id": "\(destination.id ?? 0)"])
                        // Administrators find it in the audit log (with a high severity) and on the destination.
                        try await AuditTrail(.system, now: { now }).record(
                            .notificationDestinationDisabled, outcome: .failure, severity: .high,
                            resource: ("notification_destination", String(try destination.requireID())),
                            details: ["reason": .string(destination.disabledReason ?? "")], on: db)
                    }
                }
            }
            try await delivery.save(on: db)
            if destination.hasChanges { try await destination.save(on: db) }
        }
    }
}

extension DeliveryRetryPolicy.Verdict {
    var reason: String? {
        if case .failed(let reason) = self { return reason }
        return nil
    }
}
