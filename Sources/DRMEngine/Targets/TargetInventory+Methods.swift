import DRMCore
public import DRMStore
import FluentKit
import Foundation

extension TargetInventory {
    /// Adds a communication method (with an optional credential) to a target. Made primary when asked to; the old
    /// primary then stops being one.
    public func addMethod(to id: Int, _ draft: MethodDraft) async throws -> TargetRecord {
        let record = try await detail(id)
        let checked = try check(draft, field: "communication_method", isPrimary: draft.isPrimary == true)
        try await database.transaction { db in
            try await ensureFree(
                [("communication_method.config.host", HostPort(checked.config))], on: db, except: id,
                active: record.target.isActive)
            if checked.isPrimary { try await clearPrimary(of: id, on: db) }
            try await insert(checked, into: id, on: db)
            try await audit.record(
                .targetUpdated, resource: ("target", String(id)),
                details: [
                    "name": .string(record.target.name),
                    "method_added": [
                        "type": .string(checked.config.methodType.rawValue), "host": .string(checked.config.host),
                        "with_credential": .bool(draft.credential != nil),
                    ],
                ], on: db)
        }
        return try await detail(id)
    }

    /// Changes what is given of a method: config (replaced whole, checked), name, primary, active, priority, and
    /// its credential (replaced or removed).
    ///
    /// A credential is bound to the endpoint it was entered for: a config that moves the method to another host,
    /// port or base URL removes its credential (unless the same change enters a new one), so that nobody can have
    /// a stored secret sent to a machine of their choosing. The pinned host key stays: a machine with another key
    /// is refused until an administrator accepts that key.
    public func updateMethod(_ methodID: Int, of id: Int, _ changes: MethodChanges) async throws -> TargetRecord {
        let (record, method) = try await method(methodID, of: id)
        var diff: [String: (from: JSONValue, to: JSONValue)] = [:]
        var endpoints: [(field: String, endpoint: HostPort)] = []
        var endpointMoved = false
        if let config = changes.config {
            let decoded = try TargetRules.config(method.methodType, config, field: "")
            diff["config"] = (method.config, decoded.json)
            let before = try? CommunicationMethodConfig.decode(methodType: method.methodType, config: method.config)
            endpointMoved = before.map { Self.endpoint(of: $0) != Self.endpoint(of: decoded) } ?? true
            method.config = decoded.json
            endpoints.append(("config.host", HostPort(decoded)))
        }
        let detachCredential =
            endpointMoved && changes.credential == nil && !changes.removeCredential
            && record.methods.first(where: { $0.method.id == methodID })?.credential != nil
        if let name = changes.name {
            let name = try TargetRules.text(name, "name", max: 100, required: true)!
            diff["method_name"] = (.string(method.methodName), .string(name))
            method.methodName = name
        }
        if let priority = changes.priority {
            guard (1...1000).contains(priority) else {
                throw TargetError.invalid(field: "priority", message: "must be 1…1000")
            }
            diff["priority"] = (
                method.priority.map { JSONValue.number(Double($0)) } ?? .null, .number(Double(priority))
            )
            method.priority = priority
        }
        if let isActive = changes.isActive {
            diff["is_active"] = (.bool(method.isActive), .bool(isActive))
            method.isActive = isActive
        }
        if changes.isPrimary == false, method.isPrimary {
            throw TargetError.conflict(
                field: "is_primary", message: "a target needs a primary method; make another method primary instead")
        }
        let makePrimary = changes.isPrimary == true && !method.isPrimary
        if makePrimary { diff["is_primary"] = (false, true) }
        if let credential = changes.credential {
            try TargetRules.credential(credential, field: "credential")
            diff["credential"] = ("unchanged", .string("replaced (\(credential.type.rawValue))"))
        } else if changes.removeCredential {
            diff["credential"] = ("unchanged", "removed")
        } else if detachCredential {
            diff["credential"] = ("unchanged", "removed: the endpoint changed")
        }
        let details: JSONValue = [
            "name": .string(record.target.name), "method_id": .number(Double(methodID)),
            "changes": AuditTrail.changes(diff),
        ]
        let newEndpoints = endpoints
        try await database.transaction { db in
            try await ensureFree(newEndpoints, on: db, except: id, active: record.target.isActive)
            if makePrimary {
                try await clearPrimary(of: id, on: db)
                method.isPrimary = true
            }
            try await method.save(on: db)
            if let credential = changes.credential {
                try await store(credential, for: method, on: db)
            } else if changes.removeCredential || detachCredential {
                try await Credential.query(on: db).filter(\.$communicationMethodID == methodID).delete()
            }
            if changes.credential != nil || changes.removeCredential || detachCredential {
                let change =
                    changes.credential.map { "replaced (\($0.type.rawValue))" }
                    ?? (detachCredential ? "removed: the endpoint changed" : "removed")
                try await audit.record(
                    .credentialUpdated, severity: detachCredential ? .medium : .info,
                    resource: ("communication_method", String(methodID)),
                    details: ["target_id": .number(Double(id)), "change": .string(change)], on: db)
            }
            try await audit.record(.targetUpdated, resource: ("target", String(id)), details: details, on: db)
        }
        return try await detail(id)
    }

    /// Removes a method and its credential. The last method can't go; when the primary goes, the next method (by
    /// priority) becomes primary.
    public func removeMethod(_ methodID: Int, of id: Int) async throws -> TargetRecord {
        let (record, method) = try await method(methodID, of: id)
        guard record.methods.count > 1 else {
            throw TargetError.conflict(
                field: "method_id",
                message: "a target needs at least one communication method; delete the target instead")
        }
        try await database.transaction { db in
            try await Credential.query(on: db).filter(\.$communicationMethodID == methodID).delete()
            try await method.delete(on: db)
            if method.isPrimary, let next = record.methods.first(where: { $0.method.id != methodID })?.method {
                next.isPrimary = true
                try await next.save(on: db)
            }
            try await audit.record(
                .targetUpdated, resource: ("target", String(id)),
                details: [
                    "name": .string(record.target.name),
                    "method_removed": ["id": .number(Double(methodID)), "type": .string(method.methodType)],
                ], on: db)
        }
        return try await detail(id)
    }

    /// Pins the SSH host key a method trusts (an OpenSSH public-key line; the comment is dropped).
    public func pinHostKey(_ line: String, method methodID: Int, of id: Int) async throws -> TargetRecord {
        let (_, method) = try await method(methodID, of: id)
        guard method.methodType == CommunicationMethodConfig.MethodType.ssh.rawValue else {
            throw TargetError.invalid(field: "host_key", message: "only an ssh method has a host key")
        }
        let (key, fingerprint) = try TargetRules.hostKey(line)
        let previous = method.hostKey
        method.hostKey = key
        try await database.transaction { db in
            try await method.save(on: db)
            try await audit.record(
                .hostKeyAccepted, resource: ("communication_method", String(methodID)),
                details: [
                    "target_id": .number(Double(id)), "fingerprint": .string(fingerprint),
                    "replaced": .bool(previous != nil && previous != key),
                ], on: db)
        }
        return try await detail(id)
    }

    /// Where a method's credential goes: scheme, host and port (a REST API's base URL without its path).
    static func endpoint(of config: CommunicationMethodConfig) -> String {
        let hostPort = HostPort(config)
        if case .restAPI(let api) = config {
            let scheme = URLComponents(string: api.baseURL)?.scheme?.lowercased() ?? ""
            return "\(scheme)://\(hostPort.host.lowercased()):\(hostPort.port)"
        }
        return "\(config.methodType.rawValue)://\(hostPort.host.lowercased()):\(hostPort.port)"
    }

    /// The target and one of its methods, or ``TargetError/notFound(_:)``.
    public func method(_ methodID: Int, of id: Int) async throws -> (TargetRecord, CommunicationMethod) {
        let record = try await detail(id)
        guard let method = record.methods.first(where: { $0.method.id == methodID })?.method else {
            throw TargetError.notFound("communication method")
        }
        return (record, method)
    }

    /// Makes no method of the target primary, before another becomes it (one primary per target is an index).
    func clearPrimary(of id: Int, on db: any Database) async throws {
        try await CommunicationMethod.query(on: db).filter(\.$targetID == id).filter(\.$isPrimary == true)
            .set(\.$isPrimary, to: false).update()
    }
}
