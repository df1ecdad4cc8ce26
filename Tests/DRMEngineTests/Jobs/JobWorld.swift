import DRMCore
import DRMRemote
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation

@testable import DRMEngine

/// A database with an administrator and SSH targets on real sshd servers (one target per loopback address; sshd
/// listens on at most 16 addresses), and the job engine on it.
struct JobWorld {
    static let vault = CredentialVault(current: CredentialKey(secretKey: Data(repeating: 7, count: 32)))

    let database: TestDatabase
    let engine: JobEngine
    let userID: Int
    /// Target ids in name order: `t-01`, `t-02`, …
    let targets: [Int]

    var db: any Database { database.handle.database }
    var audit: AuditTrail { AuditTrail(.cli) }

    /// Runs `body` with `count` targets of `ssh` on a fresh `dialect` database.
    static func with(
        _ dialect: SchemaDialect, ssh servers: [SSHServer], _ body: (JobWorld) async throws -> Void
    ) async throws {
        try await TestDatabase.with(dialect) { database in
            let db = database.handle.database
            let user = User()
            user.username = "admin"
            user.email = "admin@example.com"
            user.passwordHash = "x"
            user.role = .administrator
            user.isActive = true
            try await user.create(on: db)
            let inventory = TargetInventory(database: db, vault: vault, audit: AuditTrail(.cli))
            var targets: [Int] = []
            let endpoints = servers.flatMap { ssh in ssh.addresses.map { (ssh, $0) } }
            for (index, (ssh, address)) in endpoints.enumerated() {
                let key = try SSHTestKeys.pem(ssh.keys.ed25519)
                let record = try await inventory.create(
                    TargetDraft(
                        name: String(format: "t-%02d", index + 1), environment: .testing,
                        methods: [
                            MethodDraft(
                                methodType: "ssh",
                                config: ["host": .string(address), "port": .number(Double(ssh.port))],
                                credential: CredentialInput(type: .sshKey, username: ssh.username, privateKey: key))
                        ]))
                let id = try record.target.requireID()
                _ = try await inventory.pinHostKey(
                    ssh.hostPublicKey, method: try record.methods[0].method.requireID(), of: id)
                targets.append(id)
            }
            let engine = JobEngine(
                database: db, vault: vault, http: HTTPRequestClient(),
                dataDirectory: FileManager.default.temporaryDirectory.appending(path: "enabledrm-jobs-\(UUID())"))
            let world = JobWorld(database: database, engine: engine, userID: try user.requireID(), targets: targets)
            do {
                try await body(world)
            } catch {
                try? await engine.http.shutdown()
                throw error
            }
            try await engine.http.shutdown()
        }
    }

    /// A job of `actions` (type, parameters, config) on `targets` (all by default).
    func job(
        _ name: String, _ actions: [(ActionType, JSONValue, JSONValue?)], targets: [Int]? = nil,
        options: [JobOption] = [], parallelism: Int = 20, failurePolicy: JobDraft.FailurePolicy = .continue,
        timeout: Int? = nil
    ) async throws -> JobDefinition {
        try await engine.catalog(audit).create(
            JobDraft(
                name: name,
                actions: actions.enumerated().map { index, action in
                    JobDraft.Action(type: action.0, name: "step \(index + 1)", parameters: action.1, config: action.2)
                }, targetIDs: targets ?? self.targets, options: options, parallelism: parallelism,
                failurePolicy: failurePolicy, timeoutSeconds: timeout), createdBy: userID)
    }

    /// Launches `job` and runs it in this process, as the CLI does without a worker; returns the execution.
    func run(
        _ job: JobDefinition, parameters: [String: JSONValue] = [:], targets: [Int]? = nil
    ) async throws -> ExecutionDetail {
        let launched = try await engine.launcher(audit).launch(
            .init(jobID: job.id, parameters: parameters, targetIDs: targets, triggeredBy: userID))
        try await runQueued(launched)
        return try await engine.query.detail(launched.executionID)
    }

    func runQueued(_ launched: ExecutionLauncher.Launched) async throws {
        let task = try require(
            try await engine.queue.claim(id: launched.taskID, worker: "test"), "the task was claimed")
        await engine.queue.hold(task, worker: "test") { try await engine.execute(task) }
    }

    func logs(_ executionID: Int) async throws -> [ExecutionLogLine] {
        try await engine.query.logs(executionID: executionID, limit: 5000)
    }
}

/// `#require` outside a test function's body.
func require<T>(_ value: T?, _ message: String = "missing value") throws -> T {
    guard let value else { throw JobWorldError(message: message) }
    return value
}

struct JobWorldError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
