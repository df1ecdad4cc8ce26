import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Job runs write their notifications to the outbox in the transactions of their start and end, as the rules say:
/// first failure and recovered are decided against the previous run.
@Suite(.serialized) struct JobEventRuleTests {
    @Test("started, failed, first failure, recovered and succeeded follow the runs", arguments: SchemaDialect.allCases)
    func eventsFollowRuns(dialect: SchemaDialect) async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.16.20"])
        defer { ssh.stop() }
        let sink = try await WebhookSink.start(host: "127.0.16.21")
        defer { sink.stop() }
        let flag = "/tmp/enabledrm-notify-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: flag) }
        try await JobWorld.with(dialect, ssh: [ssh]) { world in
            let job = try await world.job("guarded", [(.command, ["command": .string("test -f \(flag)")], nil)])
            let destination = try await NotificationDestinations(
                database: world.db, vault: JobWorld.vault, audit: world.audit
            ).create(
                DestinationDraft(
                    name: "chat", type: .webhook,
                    config: ["url": .string(sink.url), "body_template": #"{"text": "{{subject}}"}"#],
                    secret: WebhookDeliveryTests.secretA), createdBy: world.userID)
            let rule = NotificationRule()
            rule.name = "all of guarded"
            rule.jobID = job.id
            rule.events = .array(NotificationEvent.allCases.map { .string($0.rawValue) })
            rule.destinationID = destination.id
            rule.isActive = true
            try await rule.create(on: world.db)
            let other = try await world.job("other", [(.command, ["command": "true"], nil)])

            var events: [[String]] = []
            for run in 0..<4 {
                if run == 2 { _ = FileManager.default.createFile(atPath: flag, contents: Data()) }
                let execution = try await world.run(job)
                let rows = try await NotificationDelivery.query(on: world.db)
                    .filter(\.$jobExecutionID == execution.summary.id).sort(\.$id).all()
                events.append(rows.map(\.eventType))
            }
            let quiet = try await world.run(other)

            #expect(
                events == [
                    ["job.started", "job.failed", "job.first_failure"], ["job.started", "job.failed"],
                    ["job.started", "job.succeeded", "job.recovered"], ["job.started", "job.succeeded"],
                ])
            #expect(
                try await NotificationDelivery.query(on: world.db).filter(\.$jobExecutionID == quiet.summary.id)
                    .count() == 0, "a rule of one job says nothing about another")
            let first = try #require(
                try await NotificationDelivery.query(on: world.db).filter(\.$eventType == "job.first_failure").first())
            #expect(first.body.hasPrefix(#"{"text": "[EnableDRM] guarded started failing ("#), "\(first.body)")
            #expect(
                try await TaskRecord.query(on: world.db).filter(\.$taskName == NotificationOutbox.taskName).count()
                    == 10, "one queue task per delivery")
        }
    }
}
