import DRMSchema
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// `enabledrm notify add-webhook|test|deliveries` on a real database, sending to a real HTTP sink on loopback.
@Suite struct NotifyCommandTests {
    @Test func addAWebhookSendATestAndReadTheLog() async throws {
        let sink = try await WebhookSink.start(host: "127.0.16.40")
        defer { sink.stop() }
        try await TestDatabase.with(.sqlite) { database in
            let directory = UserCommandTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let secret = "whsec_" + Data(repeating: 0x5A, count: 24).base64EncodedString()
            try secret.write(toFile: directory + "/secret", atomically: true, encoding: .utf8)
            let cli = try CLIProcess(
                workingDirectory: directory, environment: ["ENABLEDRM_DATABASE_URL": database.urlString])

            let badURL = try await cli.run("notify", "add-webhook", "x", "--url", "ftp://x", "--secret-file", "secret")
            let added = try await cli.run(
                "notify", "add-webhook", "ops", "--url", sink.url, "--secret-file", "secret")
            let tested = try await cli.run("notify", "test", "1")
            let listed = try await cli.run("notify", "deliveries")
            let badStatus = try await cli.run("notify", "deliveries", "--status", "lost")
            let actions = try await database.sql.raw(
                "SELECT action FROM audit_events WHERE action LIKE 'notification%' ORDER BY id"
            ).all().map { try $0.decode(column: "action", as: String.self) }

            #expect(badURL.status == 1)
            #expect(badURL.stderr.contains("config.url"), "\(badURL.stderr)")
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.stdout.hasPrefix("1\tops\twebhook\t"))
            #expect(!added.stdout.contains(secret) && !added.stderr.contains(secret))
            #expect(tested.status == 0, "\(tested.stdout)\(tested.stderr)")
            #expect(tested.stdout.hasPrefix("delivery 1\tdelivered\tresponse 200\tmsg_"), "\(tested.stdout)")
            #expect(sink.received.count == 1)
            #expect(sink.received.first?.headers["webhook-signature"]?.hasPrefix("v1,") == true)
            #expect(listed.stdout.hasPrefix("1\tdelivered\tnotification.test\tdestination 1\tattempts 1\tresponse 200"))
            #expect(badStatus.status == 1 && badStatus.stderr.contains("--status"))
            #expect(actions == ["notification_destination.create", "notification.send"])
        }
    }
}
