import DRMCore
import DRMRemote
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Signed webhooks through the outbox, delivered by a real queue worker to a real HTTP sink on loopback, on SQLite
/// and PostgreSQL; signatures are checked by the reference implementation of Standard Webhooks.
@Suite struct WebhookDeliveryTests {
    static let vault = CredentialVault(current: CredentialKey(secretKey: Data(repeating: 9, count: 32)))
    static let secretA = "whsec_" + Data(repeating: 0xA1, count: 24).base64EncodedString()
    static let secretB = "whsec_" + Data(repeating: 0xB2, count: 24).base64EncodedString()

    /// A webhook destination to `sink`, with an Authorization header that must never be logged.
    static func destination(
        _ sink: WebhookSink, _ db: any Database, name: String = "hook", secret: String = secretA
    ) async throws -> DestinationRecord {
        try await NotificationDestinations(database: db, vault: vault, audit: AuditTrail(.cli)).create(
            DestinationDraft(
                name: name, type: .webhook,
                config: [
                    "url": .string(sink.url), "headers": ["Authorization": "Bearer sink-token-123"],
                    "timeout_seconds": 10,
                ], secret: secret), createdBy: nil)
    }

    /// Writes a test delivery to `destination` in its own transaction, as an event would.
    static func enqueue(_ destination: DestinationRecord, _ db: any Database) async throws -> Int {
        try await db.transaction { db in
            let row = try #require(try await NotificationDestination.find(destination.id, on: db))
            return try await NotificationOutbox().enqueue(
                .test, values: ["job.name": "nightly <backup>"], to: row, on: db
            ).requireID()
        }
    }

    /// Runs a queue worker with the notification handler (fast backoff) while `body` runs.
    static func withWorker(
        _ db: any Database, disableAfter: Int = 5, _ body: () async throws -> Void
    ) async throws {
        var sender = NotificationSender(database: db, vault: vault, http: HTTPRequestClient())
        sender.policy = DeliveryRetryPolicy(base: 0.2, cap: 30, maxAttempts: 8)
        sender.disableAfter = disableAfter
        var worker = QueueWorker(
            name: "notify-test", queue: TaskQueue(database: db), slots: 4, handlers: sender.handlers())
        worker.pollInterval = .milliseconds(50)
        let running = Task { try await worker.run() }
        do {
            try await body()
        } catch {
            running.cancel()
            _ = await running.result
            try? await sender.http.shutdown()
            throw error
        }
        running.cancel()
        _ = await running.result
        try await sender.http.shutdown()
    }

    static func delivery(_ id: Int, _ db: any Database) async throws -> NotificationDelivery {
        try #require(try await NotificationDelivery.find(id, on: db))
    }

    @Test(
        "503, 503, then 429 with Retry-After, then 200: backoff followed, one webhook-id, signatures verify",
        arguments: SchemaDialect.allCases)
    func retriesUntilDelivered(dialect: SchemaDialect) async throws {
        let sink = try await WebhookSink.start(host: "127.0.16.1") { index in
            switch index {
            case 0, 1: .init(503)
            case 2: .init(429, headers: ["Retry-After": "1"])
            default: .init(200)
            }
        }
        defer { sink.stop() }
        try await TestDatabase.with(dialect) { database in
            let db = database.handle.database
            let destination = try await Self.destination(sink, db)
            let id = try await Self.enqueue(destination, db)

            try await Self.withWorker(db) {
                let delivered = try await waitUntil { try await Self.delivery(id, db).status == "delivered" }
                #expect(delivered)
            }

            let received = sink.received
            #expect(received.count == 4)
            let ids = Set(received.compactMap { $0.headers["webhook-id"] })
            #expect(ids.count == 1 && ids.first?.hasPrefix("msg_") == true, "one webhook-id across retries: \(ids)")
            #expect(received.allSatisfy { $0.headers["authorization"] == "Bearer sink-token-123" })
            #expect(received[0].body.contains("nightly <backup>"), "the event as JSON: \(received[0].body)")
            // Lower bounds only: the backoff (0.2 s, then 0.4 s, less at most a quarter of jitter), then Retry-After.
            #expect(received[1].at.timeIntervalSince(received[0].at) >= 0.15)
            #expect(received[2].at.timeIntervalSince(received[1].at) >= 0.3)
            #expect(received[3].at.timeIntervalSince(received[2].at) >= 1.0, "Retry-After: 1 is honoured")
            #expect(try await StandardWebhooks.verify(received, secret: Self.secretA) == ["ok", "ok", "ok", "ok"])
            #expect(
                try await StandardWebhooks.verify(received, secret: Self.secretB).allSatisfy { $0.hasPrefix("fail") })

            let logs = try await NotificationLog.query(on: db).filter(\.$deliveryID == id).sort(\.$attempt).all()
            #expect(logs.map(\.attempt) == [1, 2, 3, 4])
            #expect(logs.map(\.responseCode) == [503, 503, 429, 200])
            #expect(logs.map(\.status) == [.failed, .failed, .failed, .delivered])
            #expect(logs.allSatisfy { $0.latencyMS != nil && $0.recipient.hasPrefix("http://127.0.16.1:") })
            let logged = String(describing: logs.map(\.contextData))
            #expect(logged.contains("webhook-id") && logged.contains("authorization"))
            #expect(!logged.contains("sink-token-123"), "configured header values are not logged")
            #expect(!logged.contains(Self.secretA.dropFirst(6)), "the secret is not logged")
            let row = try await Self.delivery(id, db)
            #expect(row.attempts == 4 && row.lastResponseCode == 200 && row.deliveredAt != nil)
        }
    }

    @Test("a 400 is final; a destination that keeps failing is disabled", arguments: SchemaDialect.allCases)
    func clientErrorIsFinal(dialect: SchemaDialect) async throws {
        let sink = try await WebhookSink.start(host: "127.0.16.2") { _ in .init(400) }
        defer { sink.stop() }
        try await TestDatabase.with(dialect) { database in
            let db = database.handle.database
            let destination = try await Self.destination(sink, db)
            let first = try await Self.enqueue(destination, db)
            try await Self.withWorker(db, disableAfter: 2) {
                #expect(try await waitUntil { try await Self.delivery(first, db).status == "failed" })
                #expect(sink.received.count == 1, "a 400 is not tried again")
                let second = try await Self.enqueue(destination, db)
                #expect(try await waitUntil { try await Self.delivery(second, db).status == "failed" })
                let third = try await Self.enqueue(destination, db)
                #expect(try await waitUntil { try await Self.delivery(third, db).status == "failed" })
                #expect(try await Self.delivery(third, db).lastError == "the destination is disabled")
            }
            #expect(sink.received.count == 2, "nothing is sent to a disabled destination")
            let logs = try await NotificationLog.query(on: db).filter(\.$deliveryID == first).all()
            #expect(logs.map(\.responseCode) == [400] && logs.map(\.status) == [.failed])
            let record = try await NotificationDestinations(database: db, vault: Self.vault, audit: AuditTrail(.cli))
                .find(destination.id)
            #expect(!record.enabled && record.disabledReason?.contains("2 failed deliveries") == true)
            let audited = try await AuditEvent.query(on: db).filter(\.$action == "notification_destination.disable")
                .count()
            #expect(audited == 1, "the disabling is in the audit log")
        }
    }

    @Test("during a secret rotation both secrets verify; after it, only the new one")
    func secretRotation() async throws {
        let sink = try await WebhookSink.start(host: "127.0.16.3")
        defer { sink.stop() }
        try await TestDatabase.with(.sqlite) { database in
            let db = database.handle.database
            let destinations = NotificationDestinations(database: db, vault: Self.vault, audit: AuditTrail(.cli))
            let created = try await Self.destination(sink, db)
            var draft = DestinationDraft(
                name: created.name, type: .webhook, config: created.config, secret: Self.secretB)
            let rotating = try await destinations.update(created.id, draft)
            #expect(rotating.rotating && rotating.hasSecret)
            try await Self.withWorker(db) {
                let during = try await Self.enqueue(created, db)
                #expect(try await waitUntil { try await Self.delivery(during, db).status == "delivered" })
                _ = try await destinations.endRotation(created.id)
                let after = try await Self.enqueue(created, db)
                #expect(try await waitUntil { try await Self.delivery(after, db).status == "delivered" })
            }
            let received = sink.received
            #expect(received.count == 2)
            #expect(received[0].headers["webhook-signature"]?.split(separator: " ").count == 2)
            #expect(
                try await StandardWebhooks.verify(received, secret: Self.secretA).map { $0 == "ok" } == [true, false])
            #expect(try await StandardWebhooks.verify(received, secret: Self.secretB) == ["ok", "ok"])
            draft.secret = "not-a-secret"
            await #expect(
                throws: NotificationError.invalid(
                    field: "secret", message: "must be whsec_ followed by the base64 of 16 bytes or more")
            ) {
                _ = try await destinations.update(created.id, draft)
            }
        }
    }

    @Test("the outbox writes nothing when the event's transaction rolls back", arguments: SchemaDialect.allCases)
    func rolledBackEventSendsNothing(dialect: SchemaDialect) async throws {
        let sink = try await WebhookSink.start(host: "127.0.16.4")
        defer { sink.stop() }
        try await TestDatabase.with(dialect) { database in
            let db = database.handle.database
            let destination = try await Self.destination(sink, db)
            struct Rollback: Error {}
            await #expect(throws: Rollback.self) {
                try await db.transaction { db in
                    let row = try #require(try await NotificationDestination.find(destination.id, on: db))
                    try await NotificationOutbox().enqueue(.test, values: [:], to: row, on: db)
                    throw Rollback()
                }
            }
            #expect(try await NotificationDelivery.query(on: db).count() == 0)
            #expect(try await TaskRecord.query(on: db).filter(\.$taskName == NotificationOutbox.taskName).count() == 0)
        }
    }
}
