import DRMCore
import DRMRemote
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Templates with preview, rules, the delivery log, redelivery and test messages, on a real database and sink.
@Suite struct NotificationUseCaseTests {
    static func admin(_ db: any Database) async throws -> Int {
        let user = User()
        user.username = "admin"
        user.email = "admin@example.com"
        user.passwordHash = "x"
        user.role = .administrator
        user.isActive = true
        try await user.create(on: db)
        return try user.requireID()
    }

    @Test func templatesRefuseUnknownPlaceholdersAndPreviewWithASampleEvent() throws {
        #expect(
            throws: NotificationError.invalid(field: "body_template", message: "has an unknown placeholder {{job.nme}}")
        ) {
            try NotificationTemplates.validate(subject: nil, body: "{{job.nme}} failed")
        }
        #expect(
            throws: NotificationError.invalid(field: "subject_template", message: "has '{{' without a closing '}}'")
        ) {
            try NotificationTemplates.validate(subject: "{{job.name", body: "x")
        }
        let preview = try NotificationTemplates.preview(
            subject: "{{job.name}} {{event.summary}}", body: "<b>{{job.name}}</b>: {{targets.failed}} failed",
            values: NotificationTemplates.sampleValues.merging(["job.name": "a<b>"]) { $1 })
        #expect(preview.subject == "a<b> failed")
        #expect(preview.body == "<b>a<b></b>: 1 failed")
        #expect(preview.html.contains("<b>a&lt;b&gt;</b>: 1 failed"), "values escaped, the template's HTML kept")
    }

    @Test("rules name the field at fault; a job's rule sends with its template", arguments: SchemaDialect.allCases)
    func rulesAndTemplates(dialect: SchemaDialect) async throws {
        let sink = try await WebhookSink.start(host: "127.0.16.30")
        defer { sink.stop() }
        try await TestDatabase.with(dialect) { database in
            let db = database.handle.database
            let userID = try await Self.admin(db)
            let destination = try await WebhookDeliveryTests.destination(sink, db)
            let rules = NotificationRules(database: db, audit: AuditTrail(.cli))
            await #expect(throws: NotificationError.self) {
                _ = try await rules.create(
                    name: "r", jobID: nil, events: ["job.failed", "job.exploded"], destinationID: destination.id,
                    templateID: nil, createdBy: userID)
            }
            do {
                _ = try await rules.create(
                    name: "r", jobID: nil, events: ["job.failed"], destinationID: 999, templateID: nil,
                    createdBy: userID)
                Issue.record("a missing destination is refused")
            } catch let error as NotificationError {
                #expect(error.field == "destination_id")
            }
            let template = try await NotificationTemplates(database: db, audit: AuditTrail(.cli)).create(
                name: "short", type: .webhook, subject: "{{job.name}} is {{execution.status}}",
                body: "see {{execution.link}}",
                createdBy: userID)
            let rule = try await rules.create(
                name: "everything failing", jobID: nil, events: ["job.failed", "job.recovered"],
                destinationID: destination.id, templateID: template.id, createdBy: userID)
            #expect(rule.events == [.jobFailed, .jobRecovered] && rule.jobID == nil)
            #expect(try await rules.list().map(\.id) == [rule.id])
            try await rules.delete(rule.id)
            #expect(try await rules.list().isEmpty)
        }
    }

    @Test("the delivery log lists with filters; redelivery keeps the webhook-id; a test message is sent")
    func logRedeliverAndTest() async throws {
        let sink = try await WebhookSink.start(host: "127.0.16.31")
        defer { sink.stop() }
        try await TestDatabase.with(.sqlite) { database in
            let db = database.handle.database
            let destination = try await WebhookDeliveryTests.destination(sink, db)
            let deliveries = NotificationDeliveries(database: db, audit: AuditTrail(.cli))
            try await WebhookDeliveryTests.withWorker(db) {
                let test = try await deliveries.test(destination: destination.id)
                #expect(test.event == "notification.test")
                let sent = try await waitUntil {
                    try await deliveries.list(.init(status: .delivered)).total == 1
                }
                #expect(sent)
                let again = try await deliveries.redeliver(test.id)
                #expect(again.status == .pending && again.messageID == test.messageID)
                let resent = try await waitUntil { sink.received.count == 2 }
                #expect(resent)
                let done = try await waitUntil {
                    let delivered = try await deliveries.list(.init(status: .delivered, destinationID: destination.id))
                    let attempts = try await deliveries.attempts(of: test.id)
                    return delivered.total == 1 && attempts.count == 2
                }
                #expect(done)
            }
            let ids = sink.received.compactMap { $0.headers["webhook-id"] }
            #expect(ids.count == 2 && Set(ids).count == 1, "a redelivery is the same message: \(ids)")
            #expect(sink.received[0].body.contains("nightly-backup"), "the sample event")
            let attempts = try await deliveries.attempts(of: try #require(deliveries.list(.init()).records.first).id)
            #expect(attempts.map(\.number) == [1, 2] && attempts.map(\.responseCode) == [200, 200])
            #expect(!String(describing: attempts).contains("sink-token-123"))
            #expect(try await deliveries.list(.init(event: "job.failed")).total == 0)
            await #expect(throws: NotificationError.notFound("delivery 999")) {
                _ = try await deliveries.redeliver(999)
            }
        }
    }
}
