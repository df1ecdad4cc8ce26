import DRMCore
import DRMRemote
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// A database with an administrator, the discovery use cases on it, and a way to run a stored run's queue task as a
/// worker would.
struct DiscoveryWorld {
    static let vault = CredentialVault(current: CredentialKey(secretKey: Data(repeating: 5, count: 32)))

    let database: TestDatabase
    let userID: Int

    var db: any Database { database.handle.database }
    var audit: AuditTrail { AuditTrail(.cli) }
    var runs: DiscoveryRuns { DiscoveryRuns(database: db, audit: audit) }
    var review: DiscoveryReview { DiscoveryReview(database: db, vault: Self.vault, audit: audit) }
    var templates: DiscoveryTemplates { DiscoveryTemplates(database: db, audit: audit) }
    var inventory: TargetInventory { TargetInventory(database: db, vault: Self.vault, audit: audit) }
    var queue: TaskQueue { TaskQueue(database: db) }

    static func with(_ dialect: SchemaDialect, _ body: (DiscoveryWorld) async throws -> Void) async throws {
        try await TestDatabase.with(dialect) { database in
            let db = database.handle.database
            let user = User()
            user.username = "admin"
            user.email = "admin@example.com"
            user.passwordHash = "x"
            user.role = .administrator
            user.isActive = true
            try await user.create(on: db)
            try await body(DiscoveryWorld(database: database, userID: try user.requireID()))
        }
    }

    /// A request for the lab: its range and ports (plus `extraPorts`), no reverse lookups, a generous time-out.
    static func labRequest(_ lab: DiscoveryLab, extraPorts: [Int] = []) -> DiscoveryRequest {
        DiscoveryRequest(
            range: lab.range, ports: (lab.ports + extraPorts).map(String.init).joined(separator: ","), timeoutMS: 2000,
            resolveNames: false)
    }

    /// Claims the next queued task as worker `w1` and runs it to its end, holding its lease.
    func runNextTask() async throws {
        let claimed = try await queue.claim(worker: "w1", limit: 1)
        let task = try #require(claimed.first)
        #expect(task.name == DiscoveryRuns.taskName)
        await queue.hold(task, worker: "w1") { try await DiscoveryRunner(database: db).execute(task) }
    }

    /// Starts a run of `request` and runs it to its end.
    func run(_ request: DiscoveryRequest) async throws -> DiscoveryRunRecord {
        let started = try await runs.start(request, createdBy: userID)
        #expect(started.status == .pending)
        try await runNextTask()
        return try await runs.detail(started.id)
    }
}
