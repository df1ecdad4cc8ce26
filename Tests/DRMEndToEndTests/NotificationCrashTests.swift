import DRMSchema
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// A worker killed with SIGKILL during a send, with more deliveries committed but not sent yet: after a worker
/// starts again every delivery arrives, none is lost, and a message sent twice carries its webhook-id both times.
@Suite struct NotificationCrashTests {
    @Test func aKilledWorkerLosesNoDelivery() async throws {
        // The first request hangs (the worker dies during it); every other one is answered at once.
        let sink = try await WebhookSink.start(host: "127.0.16.50") { index in
            index == 0 ? .init(200, delay: 600) : .init(200)
        }
        defer { sink.stop() }
        try await TestDatabase.with(.postgres) { database in
            let directory = UserCommandTests.scratch()
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let secret = "whsec_" + Data(repeating: 0x3C, count: 24).base64EncodedString()
            try secret.write(toFile: directory + "/secret", atomically: true, encoding: .utf8)
            let cli = try CLIProcess(
                workingDirectory: directory,
                environment: [
                    "ENABLEDRM_DATABASE_URL": database.urlString, "ENABLEDRM_WORKER_LEASE_SECONDS": "3",
                    "ENABLEDRM_WORKER_SLOTS": "1",
                ])
            let added = try await cli.run("notify", "add-webhook", "ops", "--url", sink.url, "--secret-file", "secret")
            #expect(added.status == 0, "\(added.stderr)")
            // Ten events committed with their deliveries; no worker runs yet.
            for _ in 0..<10 {
                let queued = try await cli.run("notify", "test", "1", "--queue")
                #expect(queued.status == 0, "\(queued.stderr)")
            }
            let sql = database.sql
            let uuids = Set(
                try await sql.raw("SELECT delivery_uuid::text AS u FROM notification_deliveries").all().map {
                    "msg_" + (try $0.decode(column: "u", as: String.self)).replacingOccurrences(of: "-", with: "")
                })
            #expect(uuids.count == 10)

            let first = try cli.start(["worker", "--name", "first"], name: "first")
            let sending = try await waitUntil { sink.received.count >= 1 }
            #expect(sending, "the first worker started a send")
            first.kill(SIGKILL)
            #expect(sink.received.count == 1, "one slot: the others were committed but not sent")

            let second = try cli.start(["worker", "--name", "second"], name: "second")
            defer { second.kill(SIGTERM) }
            let delivered = try await waitUntil {
                try await sql.raw(
                    "SELECT count(*) AS n FROM notification_deliveries WHERE status = 'delivered'"
                ).first()?.decode(column: "n", as: Int.self) == 10
            }
            #expect(delivered, "every delivery arrived: \(second.log)")

            let received = sink.received.compactMap { $0.headers["webhook-id"] }
            #expect(Set(received) == uuids, "nothing lost, nothing unknown")
            #expect(received.count == 11, "only the send the crash cut is repeated")
            #expect(received.filter { $0 == received[0] }.count == 2, "the repeat carries the same webhook-id")
            let attempts = try await sql.raw(
                "SELECT attempts FROM notification_deliveries ORDER BY attempts DESC LIMIT 1"
            ).first()?.decode(column: "attempts", as: Int.self)
            #expect(attempts == 2, "the cut send counted as an attempt")
        }
    }
}
