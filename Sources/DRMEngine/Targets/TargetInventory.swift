import DRMCore
import DRMStore
public import FluentKit
import Foundation

/// Creating, changing, listing, importing and exporting targets with their communication methods and credentials.
/// Credentials are encrypted with the vault before they are stored; every change is audited in the transaction that
/// makes it, and no audit detail holds a secret.
public struct TargetInventory: Sendable {
    public let database: any Database
    public let vault: CredentialVault
    public let audit: AuditTrail
    public var now: @Sendable () -> Date

    public init(
        database: any Database, vault: CredentialVault, audit: AuditTrail,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.vault = vault
        self.audit = audit
        self.now = now
    }

    // MARK: Create

    /// Creates a target with its methods and credentials, under a newly allocated serial. With a `template`, the
    /// draft first takes the template's defaults, and the use is counted in the creating transaction.
    public func create(_ draft: TargetDraft, template: DeviceTypeTemplates.Use? = nil) async throws -> TargetRecord {
        let templates = DeviceTypeTemplates(database: database, audit: audit)
        var given = draft
        if let template {
            given = try await templates.defaults(of: template.id, for: template.userID).applied(
                to: draft, explicit: template.explicit)
        }
        let draft = given
        let checked = try check(draft)
        let id = try await withSerialRetry {
            try await database.transaction { db in
                try await ensureFree(checked.endpoints, on: db, except: nil, active: draft.isActive)
                try await ensureUnique(name: checked.draft.name, on: db, except: nil)
                try await ensureKnown(deviceType: checked.draft.deviceType, on: db)
                var serial = try await latestSerial(on: db)
                let target = try await insert(checked, serial: &serial, on: db)
                if let template { try await templates.recordUse(of: template.id, by: template.userID, on: db) }
                try await audit.record(
                    .targetCreated, resource: ("target", String(try target.requireID())),
                    details: [
                        "name": .string(target.name), "serial": .string(target.targetSerial),
                        "methods": .array(checked.methods.map { .string($0.config.methodType.rawValue) }),
                    ], on: db)
                return try target.requireID()
            }
        }
        return try await detail(id)
    }

    /// A draft after its checks: the normalised target fields and each method's decoded config.
    struct CheckedDraft {
        struct Method {
            var draft: MethodDraft
            var config: CommunicationMethodConfig
            var name: String
            var isPrimary: Bool
            var field: String
        }

        var draft: TargetDraft
        var methods: [Method]

        var endpoints: [(field: String, endpoint: HostPort)] {
            methods.map { ("\($0.field).config.host", HostPort($0.config)) }
        }
    }

    func check(_ draft: TargetDraft) throws(TargetError) -> CheckedDraft {
        var draft = draft
        draft.name = try TargetRules.name(draft.name)
        draft.osType = try TargetRules.osType(draft.osType)
        draft.tags = try TargetRules.tags(draft.tags)
        draft.description = try TargetRules.text(draft.description, "description", max: 10_000)
        draft.location = try TargetRules.text(draft.location, "location", max: 100)
        draft.dataCenter = try TargetRules.text(draft.dataCenter, "data_center", max: 100)
        draft.region = try TargetRules.text(draft.region, "region", max: 100)
        draft.deviceType = try TargetRules.text(draft.deviceType, "device_type", max: 100)
        guard !draft.methods.isEmpty else {
            throw .invalid(field: "communication_methods", message: "must hold at least one communication method")
        }
        guard draft.methods.count <= 20 else {
            throw .invalid(field: "communication_methods", message: "must hold at most 20 communication methods")
        }
        let primaries = draft.methods.indices.filter { draft.methods[$0].isPrimary == true }
        guard primaries.count <= 1 else {
            throw .invalid(
                field: "communication_methods.\(primaries[1]).is_primary", message: "only one method can be primary")
        }
        let primary = primaries.first ?? 0
        var methods: [CheckedDraft.Method] = []
        for (index, method) in draft.methods.enumerated() {
            methods.append(try check(method, field: "communication_methods.\(index)", isPrimary: index == primary))
        }
        return CheckedDraft(draft: draft, methods: methods)
    }

    func check(_ method: MethodDraft, field: String, isPrimary: Bool) throws(TargetError) -> CheckedDraft.Method {
        let config = try TargetRules.config(method.methodType, method.config, field: field)
        let name = try TargetRules.text(method.name, "\(field).name", max: 100) ?? config.methodType.rawValue
        guard (1...1000).contains(method.priority) else {
            throw .invalid(field: "\(field).priority", message: "must be 1…1000")
        }
        if let credential = method.credential { try TargetRules.credential(credential, field: "\(field).credential") }
        var method = method
        if let line = method.hostKey {
            guard config.methodType == .ssh else {
                throw .invalid(field: "\(field).host_key", message: "only an ssh method has a host key")
            }
            method.hostKey = try TargetRules.hostKey(line, field: "\(field).host_key").key
        }
        return .init(draft: method, config: config, name: name, isPrimary: isPrimary, field: field)
    }

    /// Inserts a checked target, its methods and credentials, allocating the serial after `serial`.
    func insert(_ checked: CheckedDraft, serial: inout TargetSerial?, on db: any Database) async throws -> Target {
        let draft = checked.draft
        let next = try TargetSerial.next(after: serial, now: now())
        serial = next
        let target = Target()
        target.targetUUID = UUID()
        target.targetSerial = next.description
        target.setName(draft.name)
        target.targetType = draft.targetType.rawValue
        target.osType = draft.osType
        target.environment = draft.environment.rawValue
        target.status = draft.status.rawValue
        target.isActive = draft.isActive
        target.healthStatus = "unknown"
        target.description = draft.description
        target.location = draft.location
        target.dataCenter = draft.dataCenter
        target.region = draft.region
        target.deviceType = draft.deviceType
        target.tags = .array(draft.tags.map(JSONValue.string))
        try await target.create(on: db)
        for method in checked.methods {
            try await insert(method, into: try target.requireID(), on: db)
        }
        return target
    }

    func insert(_ method: CheckedDraft.Method, into targetID: Int, on db: any Database) async throws {
        let row = CommunicationMethod()
        row.targetID = targetID
        row.methodType = method.config.methodType.rawValue
        row.methodName = method.name
        row.isPrimary = method.isPrimary
        row.isActive = method.draft.isActive
        row.priority = method.draft.priority
        row.config = method.config.json
        row.hostKey = method.draft.hostKey
        try await row.create(on: db)
        if let credential = method.draft.credential {
            try await store(credential, for: row, on: db)
        }
    }

    /// Stores `input` as the method's only credential, encrypted.
    func store(_ input: CredentialInput, for method: CommunicationMethod, on db: any Database) async throws {
        let methodID = try method.requireID()
        try await Credential.query(on: db).filter(\.$communicationMethodID == methodID).delete()
        let credential = Credential()
        credential.communicationMethodID = methodID
        credential.credentialType = input.type.rawValue
        let name = "\(method.methodName) \(input.type.rawValue)".unicodeScalars
        credential.credentialName = String(String.UnicodeScalarView(name.prefix(100)))
        credential.isPrimary = true
        credential.isActive = true
        credential.encryptedCredentials = try vault.encrypt(input.secret)
        credential.summary = CredentialSummary(type: input.type.rawValue, secret: input.secret).stored
        try await credential.create(on: db)
    }

    /// The highest serial of the current year, if any (older `TGT-…` serials don't count).
    func latestSerial(on db: any Database) async throws -> TargetSerial? {
        let year = TargetSerial.year(of: now())
        let low = try TargetSerial(year: year, sequence: 1).description
        let high = try TargetSerial(year: year, sequence: TargetSerial.maximumSequence).description
        let latest = try await Target.query(on: db).filter(\.$targetSerial >= low).filter(\.$targetSerial <= high)
            .sort(\.$targetSerial, .descending).first()
        return latest.flatMap { try? TargetSerial(parsing: $0.targetSerial) }
    }

    /// Refuses endpoints that an active target other than `except` already uses (only when the target is active).
    func ensureFree(
        _ endpoints: [(field: String, endpoint: HostPort)], on db: any Database, except: Int?, active: Bool
    ) async throws {
        guard active, !endpoints.isEmpty else { return }
        let taken = try await activeEndpoints(on: db, except: except)
        for (field, endpoint) in endpoints {
            if let owner = taken[endpoint] {
                throw TargetError.endpointTaken(field: field, host: endpoint.host, port: endpoint.port, target: owner)
            }
        }
    }

    /// The endpoints of all active targets (but `except`), with the name of the target that has each.
    func activeEndpoints(on db: any Database, except: Int?) async throws -> [HostPort: String] {
        var query = Target.query(on: db).filter(\.$isActive == true)
        if let except { query = query.filter(\.$id != except) }
        let targets = try await query.all()
        let names = Dictionary(targets.compactMap { t in t.id.map { ($0, t.name) } }, uniquingKeysWith: { $1 })
        guard !names.isEmpty else { return [:] }
        let methods = try await Self.methods(of: Array(names.keys), on: db)
        var endpoints: [HostPort: String] = [:]
        for method in methods {
            guard
                let config = try? CommunicationMethodConfig.decode(methodType: method.methodType, config: method.config)
            else { continue }
            endpoints[HostPort(config)] = names[method.targetID]
        }
        return endpoints
    }

    // MARK: Update and delete

    /// Changes what is given of a target, after checking all of it.
    /// Refuses a name another target has: names are how people and scripts point at a target
    /// (`enabledrm target show NAME`), so two targets may not share one.
    func ensureUnique(name: String, on db: any Database, except: Int?) async throws {
        var others = Target.query(on: db).filter(\.$name == name)
        if let except { others = others.filter(\.$id != except) }
        if try await others.first() != nil {
            throw TargetError.conflict(field: "name", message: "a target named '\(name)' exists")
        }
    }

    /// Refuses a device type the catalog doesn't have (or has turned off).
    func ensureKnown(deviceType: String?, on db: any Database) async throws {
        guard let deviceType else { return }
        let known = try await DeviceType.query(on: db).filter(\.$value == deviceType).filter(\.$isActive == true)
            .first()
        if known == nil {
            throw TargetError.invalid(field: "device_type", message: "no active device type '\(deviceType)'")
        }
    }

    public func update(_ id: Int, _ changes: TargetChanges) async throws -> TargetRecord {
        let record = try await detail(id)
        let target = record.target
        var diff: [String: (from: JSONValue, to: JSONValue)] = [:]
        func set(_ key: String, _ old: String?, _ new: String?, _ apply: (String?) -> Void) {
            diff[key] = (old.map(JSONValue.string) ?? .null, new.map(JSONValue.string) ?? .null)
            apply(new)
        }
        if let name = changes.name {
            set("name", target.name, try TargetRules.name(name)) { target.setName($0!) }
            try await ensureUnique(name: target.name, on: database, except: id)
        }
        if let os = changes.osType { set("os_type", target.osType, try TargetRules.osType(os)) { target.osType = $0! } }
        if let type = changes.targetType {
            set("target_type", target.targetType, type.rawValue) { target.targetType = $0! }
        }
        if let environment = changes.environment {
            set("environment", target.environment, environment.rawValue) { target.environment = $0! }
        }
        if let status = changes.status { set("status", target.status, status.rawValue) { target.status = $0! } }
        let optional: [(String, String?, Int, ReferenceWritableKeyPath<Target, String?>)] = [
            ("description", changes.description, 10_000, \.description),
            ("location", changes.location, 100, \.location),
            ("data_center", changes.dataCenter, 100, \.dataCenter), ("region", changes.region, 100, \.region),
            ("device_type", changes.deviceType, 100, \.deviceType),
        ]
        for (key, value, max, path) in optional where value != nil {
            // An empty text clears the field.
            set(key, target[keyPath: path], try TargetRules.text(value, key, max: max)) { target[keyPath: path] = $0 }
        }
        try await ensureKnown(
            deviceType: changes.deviceType.flatMap { $0.isEmpty ? nil : target.deviceType }, on: database)
        if let tags = changes.tags {
            let checked = try TargetRules.tags(tags)
            diff["tags"] = (target.tags, .array(checked.map(JSONValue.string)))
            target.tags = .array(checked.map(JSONValue.string))
        }
        if let isActive = changes.isActive {
            diff["is_active"] = (.bool(target.isActive), .bool(isActive))
            target.isActive = isActive
        }
        let endpoints = record.methods.compactMap { method -> (field: String, endpoint: HostPort)? in
            guard
                let config = try? CommunicationMethodConfig.decode(
                    methodType: method.method.methodType, config: method.method.config)
            else { return nil }
            return ("is_active", HostPort(config))
        }
        let details: JSONValue = ["name": .string(target.name), "changes": AuditTrail.changes(diff)]
        try await database.transaction { db in
            if changes.isActive == true { try await ensureFree(endpoints, on: db, except: id, active: true) }
            try await target.save(on: db)
            try await audit.record(.targetUpdated, resource: ("target", String(id)), details: details, on: db)
        }
        return try await detail(id)
    }

    /// Deletes a target with its methods and credentials.
    public func delete(_ id: Int) async throws {
        let record = try await detail(id)
        try await database.transaction { db in
            let methodIDs = record.methods.compactMap(\.method.id)
            if !methodIDs.isEmpty {
                try await Credential.query(on: db).filter(\.$communicationMethodID ~~ methodIDs).delete()
                try await CommunicationMethod.query(on: db).filter(\.$targetID == id).delete()
            }
            try await record.target.delete(on: db)
            try await audit.record(
                .targetDeleted, resource: ("target", String(id)),
                details: ["name": .string(record.target.name), "serial": .string(record.target.targetSerial)], on: db)
        }
    }

    // MARK: Credentials

    /// The decrypted credential of a method, for a connection test or a job; records `credential.access`.
    /// `nil` when the method has no active credential.
    public func credential(forUse methodID: Int) async throws -> CredentialSecret? {
        guard let method = try await CommunicationMethod.find(methodID, on: database) else {
            throw TargetError.notFound("communication method")
        }
        guard
            let stored = try await Credential.query(on: database).filter(\.$communicationMethodID == methodID)
                .filter(\.$isActive == true).sort(\.$isPrimary, .descending).first()
        else { return nil }
        let secret = try CredentialLogin.open(stored.encryptedCredentials, vault: vault).secret
        try await audit.record(
            .credentialAccessed, resource: ("communication_method", String(methodID)),
            details: [
                "target_id": .number(Double(method.targetID)), "type": .string(stored.credentialType),
                "fields": .array(secret.setFields.map(JSONValue.string)),
            ], on: database)
        return secret
    }

    /// Re-encrypts every stored credential under `newKey`, in one transaction (all or none), and records one
    /// `credential.update` event with the count. Returns how many were re-encrypted.
    public func rotateCredentials(to newKey: CredentialKey) async throws -> Int {
        try await database.transaction { db in
            let credentials = try await Credential.query(on: db).all()
            for credential in credentials {
                credential.encryptedCredentials = try vault.reencrypt(credential.encryptedCredentials, to: newKey)
                try await credential.save(on: db)
            }
            try await audit.record(
                .credentialUpdated, resource: ("credential_key", newKey.id),
                details: ["rotated": .number(Double(credentials.count)), "key_id": .string(newKey.id)], on: db)
            return credentials.count
        }
    }
}
