public import DRMCore
public import DRMRemote
import DRMStore
public import FluentKit
import Foundation

/// Tests communication methods against the real systems: builds the probe of each method from its config and
/// its decrypted credential (each decryption audited), runs them concurrently within a bound, and stores each
/// outcome on its method and the resulting health on its target.
///
/// SSH host keys: a method with a recorded key only accepts that key, so a changed key fails with both
/// fingerprints until an administrator accepts the new one. A method without one records (and audits) the key its
/// first successful test presents, but a password is sent to an unpinned server only in a test an administrator
/// runs; jobs never record keys (unless the method's `host_key_policy` is `record_first_use`).
public struct ConnectionTester: Sendable {
    /// One method's outcome.
    public struct Outcome: Sendable {
        public var targetID: Int
        public var targetName: String
        public var methodID: Int
        public var methodType: String
        public var endpoint: String
        public var result: ProbeResult
    }

    public let database: any Database
    public let vault: CredentialVault
    public let audit: AuditTrail
    /// Whether the caller may have a password sent to an SSH server whose host key isn't pinned yet (trust on
    /// first use). Only administrators may: for anyone else such a test fails before the password leaves.
    public var mayTrustNewHostKeys = true
    public var maxConcurrency = 32
    public var timeout: Duration = .seconds(10)
    public var now: @Sendable () -> Date = { Date() }

    public init(database: any Database, vault: CredentialVault, audit: AuditTrail) {
        self.database = database
        self.vault = vault
        self.audit = audit
    }

    /// Tests every active method of the given targets.
    public func test(targetIDs: [Int]) async throws -> [Outcome] {
        guard !targetIDs.isEmpty else { return [] }
        let targets = try await Target.query(on: database).filter(\.$id ~~ targetIDs).all()
        let names = Dictionary(uniqueKeysWithValues: try targets.map { (try $0.requireID(), $0.name) })
        let methods = try await CommunicationMethod.query(on: database).filter(\.$targetID ~~ targetIDs)
            .filter(\.$isActive == true).sort(\.$targetID).sort(\.$id).all()
        let credentials = try await Credential.query(on: database)
            .filter(\.$communicationMethodID ~~ methods.compactMap(\.id)).filter(\.$isActive == true).all()
        let byMethod = Dictionary(
            credentials.map { ($0.communicationMethodID, $0) }, uniquingKeysWith: { first, _ in first })

        var probes: [any ConnectionProbe] = []
        var outcomes: [Outcome] = []
        for method in methods {
            let id = try method.requireID()
            let (probe, endpoint) = try await probe(for: method, credential: byMethod[id])
            probes.append(probe)
            outcomes.append(
                Outcome(
                    targetID: method.targetID, targetName: names[method.targetID] ?? "?", methodID: id,
                    methodType: method.methodType, endpoint: endpoint,
                    result: ProbeResult(success: false, message: "", latency: .zero)))
        }
        let results = await probeAll(probes, maxConcurrency: maxConcurrency)
        for index in outcomes.indices { outcomes[index].result = results[index] }
        try await record(outcomes, methods: methods, targets: targets)
        return outcomes
    }

    /// The probe of one method, or a probe that fails at once when the method can't be tested as stored.
    func probe(for method: CommunicationMethod, credential: Credential?) async throws -> (any ConnectionProbe, String) {
        let config: CommunicationMethodConfig
        do {
            config = try CommunicationMethodConfig.decode(methodType: method.methodType, config: method.config)
        } catch {
            return (FailedProbe(category: .protocol, message: "the method's configuration is invalid: \(error)"), "?")
        }
        let login: CredentialLogin
        do throws(CredentialLoginError) {
            login = try CredentialLogin.open(credential?.encryptedCredentials, vault: vault)
        } catch {
            return (FailedProbe(category: .auth, message: error.description), config.host)
        }
        if let credential {
            try await audit.record(
                .credentialAccessed, resource: ("credential", String(try credential.requireID())),
                details: ["purpose": "connection_test", "method_id": .number(Double(try method.requireID()))],
                on: database)
        }
        let timeout = min(timeout, .seconds(Self.seconds(of: config)))
        switch config {
        case .ssh(let ssh):
            let access: (username: String, authentication: SSHAuthentication)
            do throws(CredentialLoginError) {
                access = try login.ssh()
            } catch {
                return (FailedProbe(category: .auth, message: error.description), "\(ssh.host):\(ssh.port)")
            }
            if method.hostKey == nil, !mayTrustNewHostKeys, case .password = access.authentication {
                return (
                    FailedProbe(
                        category: .hostKey,
                        message: "no host key is pinned for \(ssh.host):\(ssh.port): an administrator must pin it, or "
                            + "test this target first, before its password is sent"),
                    "\(ssh.host):\(ssh.port)"
                )
            }
            let policy: SSHHostKeyPolicy = method.hostKey.map { .pinned([$0]) } ?? .recordFirstUse
            return (
                SSHProbe(
                    host: ssh.host, port: ssh.port, username: access.username, authentication: access.authentication,
                    hostKeyPolicy: policy, timeout: timeout),
                "\(ssh.host):\(ssh.port)"
            )
        case .restAPI(let api):
            let headers = api.defaultHeaders.map { (name: $0.key, value: $0.value) } + login.httpHeaders
            return (
                HTTPProbe(baseURL: api.baseURL, verifyTLS: api.verifyTLS, headers: headers, timeout: timeout),
                api.baseURL
            )
        case .smtp(let smtp):
            let encryption: SMTPProbe.Encryption =
                switch smtp.encryption {
                case .starttls: .starttls
                case .ssl: .tls
                case .none: .none
                }
            return (
                SMTPProbe(
                    host: smtp.host, port: smtp.port, encryption: encryption, username: login.username,
                    password: login.password, timeout: timeout),
                "\(smtp.host):\(smtp.port)"
            )
        case .postgresql(let postgres):
            return (
                PostgresProbe(
                    host: postgres.host, port: postgres.port, username: login.username ?? "postgres",
                    password: login.password, database: postgres.database,
                    sslMode: PostgresProbe.SSLMode(rawValue: postgres.sslMode.rawValue) ?? .require, timeout: timeout),
                "\(postgres.host):\(postgres.port)"
            )
        case .winrm(let winrm):
            let client = WinRMClient(
                host: winrm.host, port: winrm.port, https: winrm.transport == .https, username: login.username ?? "",
                password: login.password ?? "")
            return (WinRMProbe(client: client, timeout: timeout), "\(winrm.host):\(winrm.port)")
        }
    }

    static func seconds(of config: CommunicationMethodConfig) -> Int64 {
        let seconds =
            switch config {
            case .ssh(let ssh): ssh.timeout
            case .winrm(let winrm): winrm.timeout
            case .restAPI(let api): api.timeout
            case .smtp(let smtp): smtp.timeout
            case .postgresql(let postgres): postgres.timeout
            }
        return Int64(max(1, seconds))
    }

    /// Stores each outcome on its method (and a first host key), and each target's health.
    func record(_ outcomes: [Outcome], methods: [CommunicationMethod], targets: [Target]) async throws {
        let tested = now()
        let methodsByID = Dictionary(
            uniqueKeysWithValues: methods.compactMap { method in method.id.map { ($0, method) } })
        try await database.transaction { db in
            for outcome in outcomes {
                guard let method = methodsByID[outcome.methodID] else { continue }
                method.lastTestedAt = tested
                method.lastTestSuccess = outcome.result.success
                method.lastTestCategory = outcome.result.category?.rawValue
                method.lastTestMessage = String(outcome.result.message.prefix(2000))
                method.lastTestLatencyMS =
                    Int(outcome.result.latency.components.seconds * 1000)
                    + Int(outcome.result.latency.components.attoseconds / 1_000_000_000_000_000)
                method.lastTestDetails = .object(outcome.result.details.mapValues { .string($0) })
                if method.hostKey == nil, outcome.result.success, let key = outcome.result.details["host_key"] {
                    method.hostKey = key
                    try await audit.record(
                        .hostKeyAccepted, resource: ("communication_method", String(outcome.methodID)),
                        details: [
                            "target_id": .number(Double(outcome.targetID)), "first_use": true,
                            "fingerprint": .string(outcome.result.details["host_key_fingerprint"] ?? key),
                        ], on: db)
                }
                try await method.save(on: db)
            }
            for target in targets {
                let results = outcomes.filter { $0.targetID == target.id }.map(\.result.success)
                guard !results.isEmpty else { continue }
                target.healthStatus =
                    results.allSatisfy { $0 } ? "healthy" : results.contains(true) ? "warning" : "critical"
                try await target.save(on: db)
                try await audit.record(
                    .connectionTested, outcome: results.allSatisfy { $0 } ? .success : .failure,
                    resource: ("target", String(try target.requireID())),
                    details: ["health": .string(target.healthStatus), "methods": .number(Double(results.count))], on: db
                )
            }
        }
    }
}

/// A test that can't start (bad stored config or credential): it fails with that reason.
struct FailedProbe: ConnectionProbe {
    var category: ConnectionErrorCategory
    var message: String

    func run() async -> ProbeResult {
        ProbeResult(success: false, category: category, message: message, latency: .zero)
    }
}

extension ConnectionTester {
    /// The ids of the targets `filter` selects (all targets without one).
    public func targetIDs(matching filter: TargetFilter?) async throws -> [Int] {
        try await TargetInventory(database: database, vault: vault, audit: audit).select(filter, activeOnly: false)
    }
}

extension ConnectionTester.Outcome {
    /// The latency in whole milliseconds.
    public var latencyMS: Int {
        Int(result.latency.components.seconds * 1000 + result.latency.components.attoseconds / 1_000_000_000_000_000)
    }
}
