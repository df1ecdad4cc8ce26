import DRMCore
import DRMRemote
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Signed deliveries per second to a loopback sink on PostgreSQL with 4 queue workers. Runs when
/// ENABLEDRM_NOTIFY_BENCH=1; prints the figure (speed is measured, not asserted).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["ENABLEDRM_NOTIFY_BENCH"] == "1"))
struct DeliveryBenchmarkTests {
    @Test func signedDeliveriesPerSecondWithFourWorkers() async throws {
        let count = 2000
        let sink = try await WebhookSink.start(host: "127.0.16.60")
        defer { sink.stop() }
        try await TestDatabase.with(.postgres) { database in
            let db = database.handle.database
            let destination = try await WebhookDeliveryTests.destination(sink, db)
            let row = try #require(try await NotificationDestination.find(destination.id, on: db))
            for _ in 0..<(count / 100) {
                try await db.transaction { db in
                    for _ in 0..<100 {
                        try await NotificationOutbox().enqueue(.test, values: ["job.name": "bench"], to: row, on: db)
                    }
                }
            }
            let http = HTTPRequestClient()
            let sender = NotificationSender(database: db, vault: WebhookDeliveryTests.vault, http: http)
            let workers = (1...4).map { index in
                var worker = QueueWorker(
                    name: "bench-\(index)", queue: TaskQueue(database: db), slots: 16, handlers: sender.handlers())
                worker.pollInterval = .milliseconds(20)
                return worker
            }
            let start = ContinuousClock.now
            let running = workers.map { worker in Task { try await worker.run() } }
            let done = try await waitUntil(every: .milliseconds(100)) { sink.received.count >= count }
            let elapsed = ContinuousClock.now - start
            running.forEach { $0.cancel() }
            for task in running { _ = await task.result }
            try await http.shutdown()
            #expect(done)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(
                "notification benchmark: \(count) signed deliveries, 4 workers × 16 slots, PostgreSQL: "
                    + String(format: "%.1f s, %.0f deliveries/s", seconds, Double(count) / seconds))
        }
    }
}
