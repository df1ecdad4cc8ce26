import DRMCore
import DRMRemote
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Refusals that store nothing, cancelling, a lost worker, and templates, on SQLite and PostgreSQL.
@Suite struct DiscoveryRunControlTests {
    @Test("bad input is refused naming the field, and nothing is stored", arguments: SchemaDialect.allCases)
    func badInput(dialect: SchemaDialect) async throws {
        try await DiscoveryWorld.with(dialect) { world in
            let cases: [(DiscoveryRequest, String)] = [
                (DiscoveryRequest(range: "127.0.0.300"), "range"),
                (DiscoveryRequest(range: ""), "range"),
                (DiscoveryRequest(range: "fd00::/64", ports: "22"), "range"),
                (DiscoveryRequest(range: "127.0.0.1", ports: "22,70000"), "ports"),
                (DiscoveryRequest(range: "127.0.0.1", exclude: "127.0.0.1"), "range"),
                (DiscoveryRequest(range: "127.0.0.1", timeoutMS: 5), "timeout"),
            ]
            for (request, field) in cases {
                let error = await #expect(throws: DiscoveryError.self) {
                    _ = try await world.runs.start(request, createdBy: world.userID)
                }
                #expect(error?.field == field, "\(request.range) \(request.ports)")
                #expect(error?.kind == .invalid)
            }
            // Outside the allowed ranges.
            var limited = world.runs
            limited.allowed = try ScanRange.parse("127.77.0.0/16")
            let outside = await #expect(throws: DiscoveryError.self) {
                _ = try await limited.start(DiscoveryRequest(range: "127.78.0.1-5"), createdBy: world.userID)
            }
            #expect(outside?.field == "range")
            #expect(outside?.message.contains("outside") == true)
            _ = try await limited.start(DiscoveryRequest(range: "127.77.1.0/24"), createdBy: world.userID)

            #expect(try await DiscoveryJob.query(on: world.db).count() == 1)
            #expect(try await TaskRecord.query(on: world.db).count() == 1)
        }
    }

    @Test("a running run stops when cancelled; a pending one at once", arguments: SchemaDialect.allCases)
    func cancel(dialect: SchemaDialect) async throws {
        try await DiscoveryWorld.with(dialect) { world in
            let pending = try await world.runs.start(DiscoveryRequest(range: "127.93.0.1"), createdBy: world.userID)
            #expect(try await world.runs.cancel(pending.id).status == .cancelled)
            await #expect(throws: DiscoveryError.self) { _ = try await world.runs.cancel(pending.id) }
            // Its task, when a worker gets to it, ends without sweeping.
            try await world.runNextTask()
            #expect(try await world.runs.detail(pending.id).status == .cancelled)

            // A large sweep at a low rate: it is running (with progress) when cancelled, and ends cancelled.
            let large = try await world.runs.start(
                DiscoveryRequest(
                    range: "127.92.0.0/16", ports: "1-5", rate: 500, allowLarge: true, resolveNames: false),
                createdBy: world.userID)
            let worker = Task { try await world.runNextTask() }
            #expect(
                try await waitUntil {
                    let run = try await world.runs.detail(large.id)
                    return run.status == .running && run.progressDone > 0
                })
            _ = try await world.runs.cancel(large.id)
            try await worker.value
            let ended = try await world.runs.detail(large.id)
            #expect(ended.status == .cancelled)
            #expect(ended.progressDone < 65_536 * 5)
            let actions = try await AuditEvent.query(on: world.db).all().map(\.action)
            #expect(actions.filter { $0 == "discovery.cancel" }.count == 2)
        }
    }

    @Test("a run whose worker was lost goes back to pending and runs again", arguments: SchemaDialect.allCases)
    func workerLost(dialect: SchemaDialect) async throws {
        try await DiscoveryWorld.with(dialect) { world in
            let run = try await world.runs.start(
                DiscoveryRequest(range: "127.94.0.1", ports: "9", resolveNames: false), createdBy: world.userID)
            let task = try #require(try await world.queue.claim(worker: "lost", limit: 1).first)
            try await DiscoveryJob.query(on: world.db).filter(\.$id == run.id).set(\.$status, to: "running").update()
            let again = try await DiscoveryRunner(database: world.db).workerLost(task, on: world.db)
            #expect(again)
            #expect(try await world.runs.detail(run.id).status == .pending)
            // Run it as a live worker would: it completes (nothing listens there).
            await world.queue.hold(task, worker: "lost") { try await DiscoveryRunner(database: world.db).execute(task) }
            let ended = try await world.runs.detail(run.id)
            #expect(ended.status == .completed)
            #expect(ended.hostsFound == 0)
        }
    }

    @Test("templates are saved, named once, checked, and start runs", arguments: SchemaDialect.allCases)
    func templates(dialect: SchemaDialect) async throws {
        try await DiscoveryWorld.with(dialect) { world in
            let request = DiscoveryRequest(range: "127.95.0.0/28", ports: "22,80", rate: 100)
            let template = try await world.templates.create(
                name: "lab", description: "the lab", request: request, createdBy: world.userID)
            #expect(template.request == request)
            #expect(try await world.templates.list().map(\.name) == ["lab"])
            let clash = await #expect(throws: DiscoveryError.self) {
                _ = try await world.templates.create(name: "lab", request: request, createdBy: world.userID)
            }
            #expect(clash?.field == "name")
            let bad = await #expect(throws: DiscoveryError.self) {
                _ = try await world.templates.create(
                    name: "bad", request: DiscoveryRequest(range: "10.0.0.0/8"), createdBy: world.userID)
            }
            #expect(bad?.field == "range")

            let run = try await world.runs.start(
                template.request, name: template.name, createdBy: world.userID, templateID: template.id)
            #expect(run.templateID == template.id)
            #expect(run.request == request)
            #expect(run.name == "lab")
            try await world.templates.delete(template.id)
            #expect(try await world.templates.list().isEmpty)
            await #expect(throws: DiscoveryError.notFound("template \(template.id)")) {
                _ = try await world.templates.detail(template.id)
            }
        }
    }
}
